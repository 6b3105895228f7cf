import { quote } from '../spec-error';
import type { StackContext } from '../stack-context';
import { resolveDatabaseTls } from '../egress';
import type { DatabaseSslMode, ResolvedDatabaseTls } from '../network';
import type { AxwayCassandraSpec, AxwayEventsSpec, AxwayMetricsDbSpec, EventsAccessMode, MetricsDbType } from './spec';
import { axwayIds } from './wiring';

/** The Cassandra connection after defaults. */
export interface ResolvedAxwayCassandra {
  readonly hosts: readonly string[];
  readonly port: number;
  readonly keyspace: string;
  readonly transactionKeyspace: string;
  /** Secret with `username` and `password`. */
  readonly credentialsSecret: string;
  /** `single` (`CASS_HOST`) or `per-node` (`CASS_HOST1`…). */
  readonly hostVariables: 'single' | 'per-node';
}

/** The metrics database after defaults, with its JDBC URL made once. */
export interface ResolvedAxwayMetricsDb {
  readonly type: MetricsDbType;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly jdbcUrl: string;
  /** Secret with `username` and `password`. */
  readonly credentialsSecret: string;
  /** Transport security (mysql/mariadb), as the JDBC URL and the mysql clients use it. */
  readonly tls: ResolvedDatabaseTls;
}

// Connector/J 5.1 names, which the EMT scripts' driver reads and 8.x still accepts (Axway EMT scripts
// README: Connector/J 5.1; MySQL Connector/J 8.0 docs, "Security": useSSL/requireSSL/verifyServerCertificate).
const jdbcTlsOptions: Record<DatabaseSslMode, string> = {
  VERIFY_IDENTITY: 'useSSL=true&requireSSL=true&verifyServerCertificate=true',
  VERIFY_CA: 'useSSL=true&requireSSL=true&verifyServerCertificate=true',
  REQUIRED: 'useSSL=true&requireSSL=true&verifyServerCertificate=false',
  DISABLED: 'useSSL=false',
};

/** The events volume settings after defaults (the size is decided with the workloads). */
export interface ResolvedAxwayEventsSettings {
  readonly storageClass?: string;
  readonly accessMode: EventsAccessMode;
  readonly maxDiskGb: number;
}

/** Keys of a user/password Secret. */
export const credentialKeys = ['username', 'password'] as const;
/** Keys of the domain certificate Secret (PEM). */
export const certificateKeys = ['domaincert.pem', 'domainkey.pem'] as const;

/** Declares that each of `components` reads `keys` from the Secret `ref` names; a bad reference is reported once. */
export function useSecretFor(context: StackContext, path: string, ref: unknown, components: readonly string[], keys: readonly string[]): string {
  const [first, ...rest] = components;
  const name = context.secrets.use(path, ref, first!, keys);
  if (name === undefined) return '';
  for (const component of rest) context.secrets.use(path, ref, component, keys);
  return name;
}

/** Declares the Cassandra credentials and applies the rules that relate its fields. */
export function resolveCassandra(spec: AxwayCassandraSpec, context: StackContext): ResolvedAxwayCassandra {
  const { checks, env } = context;
  const path = 'axway.cassandra';
  if (env.production && spec.hosts.length < 3)
    checks.issues.add(
      `${path}.hosts`,
      `production needs at least 3 Cassandra nodes, one per zone, for QUORUM with replication factor 3 (got ${spec.hosts.length})`,
    );
  if (spec.keyspace === spec.transactionKeyspace) checks.issues.add(`${path}.transactionKeyspace`, `must differ from the keyspace ${quote(spec.keyspace)}`);
  const credentialsSecret = useSecretFor(context, `${path}.credentials`, spec.credentials, [axwayIds.apiManager, axwayIds.traffic], credentialKeys);
  return {
    hosts: spec.hosts,
    port: spec.port!,
    keyspace: spec.keyspace!,
    transactionKeyspace: spec.transactionKeyspace!,
    credentialsSecret,
    hostVariables: spec.hostVariables!,
  };
}

/** The JDBC URL the ANM and gateways read from `METRICS_DB_URL`. */
export function metricsJdbcUrl(db: { type: MetricsDbType; host: string; port: number; database: string; urlOptions: string }): string {
  switch (db.type) {
    case 'mysql':
    case 'mariadb':
      return `jdbc:${db.type}://${db.host}:${db.port}/${db.database}${db.urlOptions ? `?${db.urlOptions}` : ''}`;
    case 'mssql':
      return `jdbc:sqlserver://${db.host}:${db.port};databaseName=${db.database}${db.urlOptions ? `;${db.urlOptions}` : ''}`;
    case 'oracle':
      return `jdbc:oracle:thin:@//${db.host}:${db.port}/${db.database}`;
  }
}

/** Declares the metrics database credentials and builds its JDBC URL. */
export function resolveMetricsDb(spec: AxwayMetricsDbSpec, context: StackContext, clientReaders: readonly string[]): ResolvedAxwayMetricsDb {
  const path = 'axway.metricsDb';
  const type = spec.type!;
  const mysqlFamily = type === 'mysql' || type === 'mariadb';
  const tls = resolveDatabaseTls(context, path, spec.tls, mysqlFamily ? clientReaders : [], mysqlFamily && clientReaders.length > 0);
  if (/(^|&)(useSSL|requireSSL|verifyServerCertificate|sslMode)=/.test(spec.urlOptions ?? ''))
    context.checks.issues.add(`${path}.urlOptions`, 'sets TLS options that tls.mode decides; remove them here and set tls: { mode: ... } instead');
  // mysql/mariadb take their TLS options from tls.mode, then the user's; the others take the user's as given.
  const urlOptions = mysqlFamily ? [jdbcTlsOptions[tls.mode], spec.urlOptions].filter(Boolean).join('&') : (spec.urlOptions ?? '');
  if (type === 'oracle' && urlOptions !== '')
    context.checks.issues.add(`${path}.urlOptions`, `oracle thin URLs take no options here (got ${quote(urlOptions)}); remove it`);
  const credentialsSecret = useSecretFor(
    context,
    `${path}.credentials`,
    spec.credentials,
    [axwayIds.adminNodeManager, axwayIds.apiManager, axwayIds.traffic],
    credentialKeys,
  );
  const db = { type, host: spec.host, port: spec.port!, database: spec.database!, urlOptions };
  return { type, host: db.host, port: db.port, database: db.database, jdbcUrl: metricsJdbcUrl(db), credentialsSecret, tls };
}

/** The events volume settings after defaults. */
export function resolveEventsSettings(spec: AxwayEventsSpec): ResolvedAxwayEventsSettings {
  return {
    ...(spec.storageClass !== undefined ? { storageClass: spec.storageClass } : {}),
    accessMode: spec.accessMode!,
    maxDiskGb: spec.maxDiskGb!,
  };
}
