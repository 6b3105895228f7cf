import type { ResolvedDatabaseTls } from '@apim-gitops/models';
import { verifiesServer } from '@apim-gitops/models';
import type { IContainer, IVolume } from 'kubernetes-models/v1';
import { containerSecurityContext } from './pod-security';

/** A MySQL database a pod must find loaded before its main container starts. */
export interface SchemaCheckTarget {
  /** Short DNS label naming the check, e.g. `apim-db-schema`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /** A table the schema script creates. */
  readonly table: string;
  /** Secret with the database user's `username` and `password`. */
  readonly credentialsSecret: string;
  /** What to load when the table is missing, for the message. */
  readonly remedy: string;
  /** How the client secures the connection and verifies the server. */
  readonly tls: ResolvedDatabaseTls;
}

/** Where a mysql client finds the server's CA (`ca.crt` of the database's `tls.ca` Secret). */
export const mysqlCaDir = '/etc/mysql-ca';

/** The mysql client's TLS flags for a database, and the volume its CA comes from, if it verifies. */
export function mysqlClientTls(tls: ResolvedDatabaseTls, volumeName: string, caDir: string = mysqlCaDir): { flags: string; volume?: IVolume; caDir: string } {
  const flags = `--ssl-mode=${tls.mode}`;
  if (!verifiesServer(tls.mode) || !tls.caSecret) return { flags, caDir };
  return {
    caDir,
    flags: `${flags} --ssl-ca=${caDir}/ca.crt`,
    volume: { name: volumeName, secret: { secretName: tls.caSecret, defaultMode: 0o444, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
  };
}

// MySQL's ER_NO_SUCH_TABLE (the server answers, the database exists, the table does not) and
// ER_BAD_DB_ERROR (no such database): https://dev.mysql.com/doc/mysql-errors/8.4/en/server-error-reference.html
const noSuchTable = '1146';
const noSuchDatabase = '1049';

/**
 * An init container that waits until `database` answers a query on `table`. It tells the three cases
 * apart in its log: the server not answering yet, the schema missing (and what to load), and ready.
 * The password reaches the client through `MYSQL_PWD`, never the command line.
 */
export function schemaCheckContainer(target: SchemaCheckTarget, image: string): { container: IContainer; volume?: IVolume } {
  const tls = mysqlClientTls(target.tls, `${target.name}-ca`);
  const query = `SELECT 1 FROM \\\`${target.table}\\\` LIMIT 1`;
  const script = [
    `until out=$(mysql --host=${target.host} --port=${target.port} --user="$DB_USER" ${tls.flags} --connect-timeout=5 -N -B -e "${query}" ${target.database} 2>&1); do`,
    `  case "$out" in`,
    `    *"ERROR ${noSuchTable}"*) echo "schema missing: ${target.database} has no table ${target.table}; ${target.remedy}" ;;`,
    `    *"ERROR ${noSuchDatabase}"*) echo "database missing: create ${target.database} on ${target.host}, then load its schema" ;;`,
    `    *) echo "waiting for ${target.host}:${target.port}: $out" ;;`,
    `  esac`,
    `  sleep 10`,
    `done`,
    `echo "${target.database}: schema present"`,
  ].join('\n');
  const container: IContainer = {
    name: `check-${target.name}`,
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', script],
    env: [
      { name: 'DB_USER', valueFrom: { secretKeyRef: { name: target.credentialsSecret, key: 'username' } } },
      { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: target.credentialsSecret, key: 'password' } } },
    ],
    // The mysql client needs a little more than nc; still far below any workload.
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    securityContext: { ...containerSecurityContext(), runAsUser: 65534, runAsGroup: 65534, readOnlyRootFilesystem: true },
    ...(tls.volume ? { volumeMounts: [{ name: tls.volume.name, mountPath: mysqlCaDir, readOnly: true }] } : {}),
  };
  return { container, ...(tls.volume ? { volume: tls.volume } : {}) };
}
