import { mergeDefaults } from '../merge-defaults';
import { quote } from '../spec-error';
import type { StackContext } from '../stack-context';
import type { EventsAccessMode, MetricsDbType } from './spec';
import { axwayCassandraDefaults, axwayEventsDefaults, axwayMetricsDbDefaults } from './spec';
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
}

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

// Cassandra names keyspaces with letters, digits and underscores, starting with a letter, at most 48 characters.
const keyspacePattern = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

/** Checks and completes the Cassandra connection. */
export function resolveCassandra(spec: unknown, context: StackContext): ResolvedAxwayCassandra {
  const { checks, env } = context;
  const path = 'axway.cassandra';
  const s = mergeDefaults(axwayCassandraDefaults as Record<string, unknown>, checks.object(path, spec) ? spec : {});
  checks.knownKeys(path, spec, ['hosts', 'port', 'keyspace', 'transactionKeyspace', 'credentials', 'hostVariables']);
  checks.oneOf(`${path}.hostVariables`, s.hostVariables, ['single', 'per-node'] as const);
  const hosts: string[] = [];
  if (!Array.isArray(s.hosts) || s.hosts.length === 0) {
    checks.issues.add(`${path}.hosts`, `must list the Cassandra nodes (got ${quote(s.hosts)})`);
  } else {
    s.hosts.forEach((host: unknown, i: number) => {
      if (checks.host(`${path}.hosts[${i}]`, host)) hosts.push(host);
    });
    const seen = new Set<string>();
    s.hosts.forEach((host: unknown, i: number) => {
      if (typeof host === 'string' && seen.has(host)) checks.issues.add(`${path}.hosts[${i}]`, `${quote(host)} is listed twice`);
      if (typeof host === 'string') seen.add(host);
    });
    if (env.production && s.hosts.length < 3)
      checks.issues.add(`${path}.hosts`, `production needs at least 3 Cassandra nodes, one per zone, for QUORUM with replication factor 3 (got ${s.hosts.length})`);
  }
  checks.port(`${path}.port`, s.port);
  for (const field of ['keyspace', 'transactionKeyspace'] as const)
    if (checks.string(`${path}.${field}`, s[field]) && !keyspacePattern.test(s[field] as string))
      checks.issues.add(`${path}.${field}`, `${quote(s[field])} is not a valid keyspace name (letters, digits and '_', starting with a letter, e.g. "axway_apim")`);
  if (typeof s.keyspace === 'string' && s.keyspace === s.transactionKeyspace)
    checks.issues.add(`${path}.transactionKeyspace`, `must differ from the keyspace ${quote(s.keyspace)}`);
  const credentialsSecret = useSecretFor(context, `${path}.credentials`, s.credentials, [axwayIds.apiManager, axwayIds.traffic], credentialKeys);
  return {
    hosts,
    port: s.port as number,
    keyspace: s.keyspace as string,
    transactionKeyspace: s.transactionKeyspace as string,
    credentialsSecret,
    hostVariables: s.hostVariables === 'per-node' ? 'per-node' : 'single',
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

/** Checks and completes the metrics database. */
export function resolveMetricsDb(spec: unknown, context: StackContext): ResolvedAxwayMetricsDb {
  const { checks } = context;
  const path = 'axway.metricsDb';
  const s = mergeDefaults(axwayMetricsDbDefaults as Record<string, unknown>, checks.object(path, spec) ? spec : {});
  checks.knownKeys(path, spec, ['type', 'host', 'port', 'database', 'urlOptions', 'credentials']);
  checks.oneOf(`${path}.type`, s.type, ['mysql', 'mariadb', 'mssql', 'oracle'] as const);
  checks.host(`${path}.host`, s.host);
  checks.port(`${path}.port`, s.port);
  if (checks.string(`${path}.database`, s.database) && !/^[A-Za-z][A-Za-z0-9_$.]*$/.test(s.database as string))
    checks.issues.add(`${path}.database`, `${quote(s.database)} is not a plain database name (letters, digits, '_')`);
  const type = s.type as MetricsDbType;
  const urlOptions = (s.urlOptions as string | undefined) ?? (type === 'mysql' || type === 'mariadb' ? 'useSSL=true' : '');
  if (typeof urlOptions !== 'string' || /[\s?]/.test(urlOptions) || urlOptions.startsWith('&') || urlOptions.startsWith(';'))
    checks.issues.add(`${path}.urlOptions`, `${quote(urlOptions)} must be bare options such as "useSSL=true", without spaces or a leading '?'`);
  if (type === 'oracle' && urlOptions !== '')
    checks.issues.add(`${path}.urlOptions`, `oracle thin URLs take no options here (got ${quote(urlOptions)}); remove it`);
  const credentialsSecret = useSecretFor(context, `${path}.credentials`, s.credentials, [axwayIds.adminNodeManager, axwayIds.apiManager, axwayIds.traffic], credentialKeys);
  const host = typeof s.host === 'string' ? s.host : '';
  const db = { type, host, port: s.port as number, database: s.database as string, urlOptions };
  return { type, host, port: db.port, database: db.database, jdbcUrl: metricsJdbcUrl(db), credentialsSecret };
}

/** Checks the events volume settings. */
export function resolveEventsSettings(spec: unknown, context: StackContext): ResolvedAxwayEventsSettings {
  const { checks } = context;
  const path = 'axway.events';
  const user = spec === undefined ? {} : checks.object(path, spec) ? spec : {};
  checks.knownKeys(path, user, ['storageClass', 'accessMode', 'maxDiskGb']);
  const s = mergeDefaults(axwayEventsDefaults as Record<string, unknown>, user);
  if (s.storageClass !== undefined) checks.dnsSubdomain(`${path}.storageClass`, s.storageClass);
  checks.oneOf(`${path}.accessMode`, s.accessMode, ['ReadWriteMany', 'ReadWriteOnce'] as const);
  checks.integer(`${path}.maxDiskGb`, s.maxDiskGb, 1, 1000);
  return {
    ...(typeof s.storageClass === 'string' ? { storageClass: s.storageClass } : {}),
    accessMode: s.accessMode as EventsAccessMode,
    maxDiskGb: s.maxDiskGb as number,
  };
}
