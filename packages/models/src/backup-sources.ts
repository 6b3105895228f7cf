import type { ResolvedAxway } from './axway/resolve';
import type { BackupSource } from './backups';
import type { ExternalConnection } from './component';
import type { EnvironmentSpec } from './environment';
import type { ResolvedWso2 } from './wso2/resolve';

function connectionTo(external: readonly ExternalConnection[], what: string): ExternalConnection {
  const connection = external.find((e) => e.what === what);
  if (!connection) throw new Error(`unreachable: no resolved connection to ${what}`);
  return connection;
}

/**
 * The MySQL databases each stack runs on, as the backup jobs need them: the stacks' own resolved hosts,
 * credentials, TLS and addresses, so that a backup reaches exactly what the products use. The Axway
 * metrics database is one only when it is MySQL or MariaDB (mysqldump cannot dump SQL Server or Oracle).
 */
export function backupSources(
  spec: EnvironmentSpec,
  wso2: ResolvedWso2 | undefined,
  axway: ResolvedAxway | undefined,
): Partial<Record<'wso2' | 'axway', { app: string; databases: BackupSource[] }>> {
  const sources: Partial<Record<'wso2' | 'axway', { app: string; databases: BackupSource[] }>> = {};
  if (wso2 && spec.wso2) {
    const external = wso2.components.find((c) => c.id === wso2.controlPlane.id)?.external ?? [];
    sources.wso2 = {
      app: 'wso2am',
      databases: (['apim', 'shared'] as const).map((field) => {
        const db = wso2.databases[field];
        return {
          key: db.key,
          path: `wso2.databases.${field}`,
          host: db.host,
          port: db.port,
          database: db.name,
          credentialsSecret: db.credentialsSecret,
          tls: db.tls,
          ...(spec.wso2!.databases[field].tls ? { tlsSpec: spec.wso2!.databases[field].tls } : {}),
          connection: connectionTo(external, db.key),
        };
      }),
    };
  }
  if (axway && spec.axway && (axway.metricsDb.type === 'mysql' || axway.metricsDb.type === 'mariadb')) {
    const db = axway.metricsDb;
    sources.axway = {
      app: 'axway-apim-anm',
      databases: [
        {
          key: db.database,
          path: 'axway.metricsDb',
          host: db.host,
          port: db.port,
          database: db.database,
          credentialsSecret: db.credentialsSecret,
          tls: db.tls,
          ...(spec.axway.metricsDb.tls ? { tlsSpec: spec.axway.metricsDb.tls } : {}),
          connection: connectionTo(axway.adminNodeManager.component.external, 'metrics-db'),
        },
      ],
    };
  }
  return sources;
}
