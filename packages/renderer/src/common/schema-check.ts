import type { IContainer } from 'kubernetes-models/v1';
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
export function schemaCheckContainer(target: SchemaCheckTarget, image: string): IContainer {
  const query = `SELECT 1 FROM \\\`${target.table}\\\` LIMIT 1`;
  const script = [
    `until out=$(mysql --host=${target.host} --port=${target.port} --user="$DB_USER" --connect-timeout=5 -N -B -e "${query}" ${target.database} 2>&1); do`,
    `  case "$out" in`,
    `    *"ERROR ${noSuchTable}"*) echo "schema missing: ${target.database} has no table ${target.table}; ${target.remedy}" ;;`,
    `    *"ERROR ${noSuchDatabase}"*) echo "database missing: create ${target.database} on ${target.host}, then load its schema" ;;`,
    `    *) echo "waiting for ${target.host}:${target.port}: $out" ;;`,
    `  esac`,
    `  sleep 10`,
    `done`,
    `echo "${target.database}: schema present"`,
  ].join('\n');
  return {
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
  };
}
