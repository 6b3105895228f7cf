import type { ExternalConnection, ResolvedComponent } from '../component';
import { mergeDefaults } from '../merge-defaults';
import { quote } from '../spec-error';
import type { StackContext } from '../stack-context';
import { imageRef } from '../stack-context';
import { eventsVolumeGi } from './events-volume';
import { axwayMetricsSchemaTable } from './facts';
import type { ResolvedAxwayCassandra, ResolvedAxwayEventsSettings, ResolvedAxwayMetricsDb } from './resolve-data-stores';
import { certificateKeys, credentialKeys, resolveCassandra, resolveEventsSettings, resolveMetricsDb, useSecretFor } from './resolve-data-stores';
import type { ResolvedAnmSettings, ResolvedApiManagerSettings, ResolvedTrafficSettings } from './resolve-workloads';
import { resolveAnmSettings, resolveApiManagerSettings, resolveHost, resolveTrafficSettings } from './resolve-workloads';
import { axwayDefaults, axwayImagesDefaults, axwayMetricsSchemaJobDefaults } from './spec';
import { adminNodeManagerComponent, anmHosts, apiManagerComponent, axwayIds, metricsSchemaComponent, trafficComponent } from './wiring';

/** One workload after defaults: its component, image, sizing and public host. */
export interface ResolvedAxwayWorkload<S> {
  readonly component: ResolvedComponent;
  readonly image: string;
  readonly host: string;
  readonly settings: S;
}

/** The events claim, sized. */
export interface ResolvedAxwayEvents extends ResolvedAxwayEventsSettings {
  readonly claimName: string;
  /** Requested size in GiB, from {@link eventsVolumeGi}. */
  readonly sizeGi: number;
}

/**
 * ingress-nginx settings the stack needs but an Ingress cannot carry: they live in the controller's
 * ConfigMap, so the platform team must set them there. Per-Ingress annotations for these do not exist.
 */
export const axwayRequiredControllerSettings = {
  /** The reference architecture disables HTTP/2 towards clients. */
  'use-http2': 'false',
  /** API Management uses only TLS 1.2. */
  'ssl-protocols': 'TLSv1.2',
} as const;

/** Axway after defaults: every name, host, port and URL decided. */
export interface ResolvedAxway {
  readonly components: readonly ResolvedComponent[];
  readonly adminNodeManager: ResolvedAxwayWorkload<ResolvedAnmSettings>;
  readonly apiManager: ResolvedAxwayWorkload<ResolvedApiManagerSettings>;
  readonly traffic: ResolvedAxwayWorkload<ResolvedTrafficSettings>;
  readonly groupId: string;
  /** Secret with `license.lic`. */
  readonly licenseSecret: string;
  /** Secret with `domaincert.pem` and `domainkey.pem`. */
  readonly certificatesSecret: string;
  /** Secret with `adminUsers.json`. */
  readonly adminUsersSecret: string;
  readonly cassandra: ResolvedAxwayCassandra;
  readonly metricsDb: ResolvedAxwayMetricsDb;
  readonly events: ResolvedAxwayEvents;
  readonly traceLevel: 'INFO' | 'DEBUG' | 'DATA';
  readonly jsonLogging: boolean;
  readonly deploymentEnabled: boolean;
  /** `EMT_ANM_HOSTS` of the gateways. */
  readonly anmHosts: string;
  /** Present when the schema Job is switched on. */
  readonly metricsSchemaJob?: { readonly image: string; readonly scriptPath: string };
  /**
   * In production with a MySQL/MariaDB metrics database: the schema check's client image (the schema
   * Job's image, which holds the mysql client). Pods then wait for the schema, not only the port.
   */
  readonly metricsSchemaCheck?: { readonly image: string; readonly table: string };
  readonly requiredControllerSettings: typeof axwayRequiredControllerSettings;
}

const specKeys = [
  'images',
  'groupId',
  'license',
  'certificates',
  'adminUsers',
  'cassandra',
  'metricsDb',
  'events',
  'traceLevel',
  'jsonLogging',
  'deploymentEnabled',
  'hosts',
  'adminNodeManager',
  'apiManager',
  'traffic',
  'metricsSchemaJob',
];

function resolveImage(context: StackContext, path: string, user: unknown, defaults: { repository: string; tag?: string }): string {
  const { checks } = context;
  const given = user === undefined ? {} : checks.object(path, user) ? user : {};
  checks.knownKeys(path, given, ['repository', 'tag']);
  const image = mergeDefaults(defaults as Record<string, unknown>, given);
  if (checks.string(`${path}.repository`, image.repository) && !/^[a-z0-9]+([._/-][a-z0-9]+)*$/.test(image.repository))
    checks.issues.add(`${path}.repository`, `${quote(image.repository)} is not a repository path (lower case letters, digits, '.', '_', '-', '/')`);
  if (checks.string(`${path}.tag`, image.tag)) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(image.tag)) checks.issues.add(`${path}.tag`, `${quote(image.tag)} is not a valid image tag`);
    else if (image.tag === 'latest') checks.issues.add(`${path}.tag`, 'must be an immutable tag, not "latest": a config change is a new tag and a rolling update');
  }
  return imageRef(context.env, { repository: String(image.repository), tag: String(image.tag) });
}

/** Validates the Axway stack, applies its defaults and derives its wiring. */
export function resolveAxway(input: unknown, context: StackContext): ResolvedAxway | undefined {
  const { checks, env } = context;
  if (!checks.object('axway', input)) return undefined;
  const spec = input as Record<string, any>;
  checks.knownKeys('axway', spec, specKeys);
  const s = mergeDefaults(axwayDefaults as Record<string, unknown>, spec) as Record<string, any>;

  const images = checks.object('axway.images', spec.images) ? spec.images : {};
  checks.knownKeys('axway.images', images, ['adminNodeManager', 'gateway']);
  const anmImage = resolveImage(context, 'axway.images.adminNodeManager', images.adminNodeManager, axwayImagesDefaults.adminNodeManager);
  const gatewayImage = resolveImage(context, 'axway.images.gateway', images.gateway ?? {}, axwayImagesDefaults.gateway);

  if (checks.string('axway.groupId', s.groupId) && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(s.groupId))
    checks.issues.add('axway.groupId', `${quote(s.groupId)} is not a group id (letters, digits, '_' and '-')`);
  checks.oneOf('axway.traceLevel', s.traceLevel, ['INFO', 'DEBUG', 'DATA'] as const);
  checks.boolean('axway.jsonLogging', s.jsonLogging);
  checks.boolean('axway.deploymentEnabled', s.deploymentEnabled);

  const gateways = [axwayIds.apiManager, axwayIds.traffic];
  const licenseSecret = useSecretFor(context, 'axway.license', spec.license, gateways, ['license.lic']);
  const certificatesSecret = useSecretFor(context, 'axway.certificates', spec.certificates, [axwayIds.adminNodeManager, ...gateways], certificateKeys);
  const adminUsersSecret = useSecretFor(context, 'axway.adminUsers', spec.adminUsers, [axwayIds.adminNodeManager], ['adminUsers.json']);

  const cassandra = resolveCassandra(spec.cassandra, context);
  const metricsDb = resolveMetricsDb(spec.metricsDb, context);
  const eventsSettings = resolveEventsSettings(spec.events, context);
  const anm = resolveAnmSettings(spec.adminNodeManager, context);
  const apiManager = resolveApiManagerSettings(spec.apiManager, context);
  const traffic = resolveTrafficSettings(spec.traffic, context);

  // Domain rules that span several parts of the spec.
  if (s.deploymentEnabled === true && env.production)
    checks.issues.add('axway.deploymentEnabled', 'must be false in production: only images built for the environment may run there (EMT_DEPLOYMENT_ENABLED)');
  else if (s.deploymentEnabled === true && traffic.maxReplicas > 1)
    checks.issues.add('axway.deploymentEnabled', `needs a single traffic pod (got up to ${traffic.maxReplicas}): Policy Studio pushes a FED into one container only`);
  if (eventsSettings.accessMode === 'ReadWriteOnce' && (traffic.maxReplicas > 1 || traffic.autoscaling || apiManager.replicas > 1))
    checks.issues.add(
      'axway.events.accessMode',
      `"ReadWriteOnce" is allowed only with one traffic pod, no autoscaling and one API Manager pod (got up to ${traffic.maxReplicas} traffic and ${apiManager.replicas} API Manager pods); use "ReadWriteMany"`,
    );
  if (env.production && eventsSettings.accessMode !== 'ReadWriteMany')
    checks.issues.add('axway.events.accessMode', `production must share events on "ReadWriteMany" storage (got ${quote(eventsSettings.accessMode)})`);

  const schema = mergeDefaults(axwayMetricsSchemaJobDefaults as Record<string, unknown>, s.metricsSchemaJob ?? {}) as Record<string, any>;
  checks.knownKeys('axway.metricsSchemaJob', s.metricsSchemaJob, ['enabled', 'image', 'scriptPath']);
  checks.boolean('axway.metricsSchemaJob.enabled', schema.enabled);
  let metricsSchemaJob: ResolvedAxway['metricsSchemaJob'];
  const mysqlFamily = metricsDb.type === 'mysql' || metricsDb.type === 'mariadb';
  const schemaImage = () =>
    resolveImage(context, 'axway.metricsSchemaJob.image', schema.image, { repository: 'metrics-schema', tag: anmImage.slice(anmImage.lastIndexOf(':') + 1) });
  const metricsSchemaCheck = env.production && mysqlFamily ? { image: schemaImage(), table: axwayMetricsSchemaTable } : undefined;
  if (schema.enabled === true) {
    if (metricsDb.type !== 'mysql' && metricsDb.type !== 'mariadb')
      checks.issues.add('axway.metricsSchemaJob.enabled', `the schema Job loads mysql-analytics.sql with the mysql client; it cannot run against ${quote(metricsDb.type)}`);
    if (typeof schema.scriptPath !== 'string' || !schema.scriptPath.startsWith('/') || /\s/.test(schema.scriptPath))
      checks.issues.add('axway.metricsSchemaJob.scriptPath', `must be an absolute path without spaces (got ${quote(schema.scriptPath)})`);
    metricsSchemaJob = { image: metricsSchemaCheck?.image ?? schemaImage(), scriptPath: schema.scriptPath };
    if (metricsDb.credentialsSecret) useSecretFor(context, 'axway.metricsDb.credentials', spec.metricsDb?.credentials, ['axway-metrics-schema'], credentialKeys);
  }

  const hostsSpec = s.hosts === undefined ? {} : checks.object('axway.hosts', s.hosts) ? s.hosts : {};
  checks.knownKeys('axway.hosts', hostsSpec, ['adminNodeManager', 'apiManager', 'traffic']);
  const hosts = {
    adminNodeManager: resolveHost(context, 'axway.hosts.adminNodeManager', hostsSpec.adminNodeManager, 'anm'),
    apiManager: resolveHost(context, 'axway.hosts.apiManager', hostsSpec.apiManager, 'apimgmt'),
    traffic: resolveHost(context, 'axway.hosts.traffic', hostsSpec.traffic, 'apimgr'),
  };
  const hostList = Object.entries(hosts);
  hostList.forEach(([key, host], i) => {
    const clash = hostList.slice(0, i).find(([, other]) => other === host && host !== '');
    if (clash) checks.issues.add(`axway.hosts.${key}`, `${quote(host)} is already the ${clash[0]} host; each interface needs its own host at "/"`);
  });

  const cassandraConnections: ExternalConnection[] = cassandra.hosts.map((host) => ({ host, port: cassandra.port, what: 'cassandra' }));
  const dbConnection: ExternalConnection = { host: metricsDb.host, port: metricsDb.port, what: 'metrics-db' };
  const anmComponent = adminNodeManagerComponent(dbConnection, metricsSchemaJob !== undefined);
  const apiManagerComp = apiManagerComponent(cassandraConnections, dbConnection);
  const trafficComp = trafficComponent(cassandraConnections, dbConnection);

  return {
    components: [...(metricsSchemaJob ? [metricsSchemaComponent(dbConnection)] : []), anmComponent, apiManagerComp, trafficComp],
    adminNodeManager: { component: anmComponent, image: anmImage, host: hosts.adminNodeManager, settings: anm },
    apiManager: { component: apiManagerComp, image: gatewayImage, host: hosts.apiManager, settings: apiManager },
    traffic: { component: trafficComp, image: gatewayImage, host: hosts.traffic, settings: traffic },
    groupId: s.groupId,
    licenseSecret,
    certificatesSecret,
    adminUsersSecret,
    cassandra,
    metricsDb,
    events: {
      ...eventsSettings,
      claimName: 'axway-events',
      sizeGi: eventsVolumeGi({ maxDiskGb: eventsSettings.maxDiskGb, maxTrafficReplicas: traffic.maxReplicas, apiManagerReplicas: apiManager.replicas }),
    },
    traceLevel: s.traceLevel,
    jsonLogging: s.jsonLogging,
    deploymentEnabled: s.deploymentEnabled,
    anmHosts,
    ...(metricsSchemaJob ? { metricsSchemaJob } : {}),
    ...(metricsSchemaCheck ? { metricsSchemaCheck } : {}),
    requiredControllerSettings: axwayRequiredControllerSettings,
  };
}
