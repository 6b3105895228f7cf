import type { ExternalConnection, ResolvedComponent } from '../component';
import type { ResolvedPublicRoute } from '../resolve-entry';
import { defaultRequestTimeoutSeconds, resolveBackendTls } from '../resolve-entry';
import { quote } from '../spec-error';
import type { StackContext } from '../stack-context';
import type { LogFormat, ResolvedLogging } from '../logging';
import { imageRef } from '../stack-context';
import { resolveDataStore, resolveEgressTarget, resolveEgressTargets } from '../egress';
import { jvmMetricsPorts } from '../monitoring/resolve';
import { eventsVolumeGi } from './events-volume';
import { axwayEntryFacts, axwayMetricsSchemaTable, axwayPorts } from './facts';
import type { ResolvedAxwayCassandra, ResolvedAxwayEventsSettings, ResolvedAxwayMetricsDb } from './resolve-data-stores';
import { certificateKeys, credentialKeys, resolveCassandra, resolveEventsSettings, resolveMetricsDb, useSecretFor } from './resolve-data-stores';
import type { ResolvedAnmSettings, ResolvedApiManagerSettings, ResolvedTrafficSettings } from './resolve-workloads';
import { resolveAnmSettings, resolveApiManagerSettings, resolveHost, resolveTrafficSettings } from './resolve-workloads';
import { withSpecDefault } from '../schema/spec-defaults';
import type { AxwayPublicUrls } from './public-urls';
import { axwayPublicUrls } from './public-urls';
import type { AxwayImageSpec, AxwaySpec } from './spec';
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
  /** `logging.format`: JSON trace on stdout, or trace files. */
  readonly logFormat: LogFormat;
  /** `APIGW_LOG_OPENTRAFFIC_OUTPUT` of the gateways. */
  readonly openTraffic: 'stdout' | 'file' | 'none';
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
  /** The public hosts, each with the Service port that serves it: what the Ingresses and HTTPRoutes are made of. */
  readonly routes: readonly ResolvedPublicRoute[];
  /** The interfaces' public URLs, made once from the hosts. */
  readonly urls: AxwayPublicUrls;
}

/** An image's full reference: the user's partial image over the property's @default. */
function resolveImage(context: StackContext, definition: string, property: string, given: Partial<AxwayImageSpec> | undefined, fallbackTag?: string): string {
  const image = withSpecDefault<Partial<AxwayImageSpec>>(definition, property, given);
  return imageRef(context.env, { repository: image.repository!, tag: image.tag ?? fallbackTag!, ...(image.digest ? { digest: image.digest } : {}) });
}

/**
 * Derives the Axway stack from its schema-validated spec (every @default applied): the rules that
 * relate fields, the Secrets, the wiring and the components.
 */
export function resolveAxway(spec: AxwaySpec, context: StackContext, logging: ResolvedLogging): ResolvedAxway {
  const { checks, env } = context;
  const s = spec;
  const anmImage = resolveImage(context, 'AxwayImagesSpec', 'adminNodeManager', spec.images.adminNodeManager);
  const gatewayImage = resolveImage(context, 'AxwayImagesSpec', 'gateway', spec.images.gateway);

  const gateways = [axwayIds.apiManager, axwayIds.traffic];
  const licenseSecret = useSecretFor(context, 'axway.license', spec.license, gateways, ['license.lic']);
  const certificatesSecret = useSecretFor(context, 'axway.certificates', spec.certificates, [axwayIds.adminNodeManager, ...gateways], certificateKeys);
  const adminUsersSecret = useSecretFor(context, 'axway.adminUsers', spec.adminUsers, [axwayIds.adminNodeManager], ['adminUsers.json']);

  const cassandra = resolveCassandra(spec.cassandra, context);
  // Who runs a mysql client against the metrics database: the schema Job, and in production each schema check.
  const metricsClients = [
    ...(spec.metricsSchemaJob!.enabled ? [axwayIds.metricsSchema] : []),
    ...(env.production ? [axwayIds.adminNodeManager, axwayIds.apiManager, axwayIds.traffic] : []),
  ];
  const metricsDb = resolveMetricsDb(spec.metricsDb, context, metricsClients);
  const eventsSettings = resolveEventsSettings(spec.events!);
  const anm = resolveAnmSettings(spec.adminNodeManager!, context);
  const apiManager = resolveApiManagerSettings(spec.apiManager!, context);
  const traffic = resolveTrafficSettings(spec.traffic!, context);

  // Domain rules that span several parts of the spec.
  if (s.deploymentEnabled === true && env.production)
    checks.issues.add('axway.deploymentEnabled', 'must be false in production: only images built for the environment may run there (EMT_DEPLOYMENT_ENABLED)');
  else if (s.deploymentEnabled === true && traffic.maxReplicas > 1)
    checks.issues.add(
      'axway.deploymentEnabled',
      `needs a single traffic pod (got up to ${traffic.maxReplicas}): Policy Studio pushes a FED into one container only`,
    );
  if (eventsSettings.accessMode === 'ReadWriteOnce' && (traffic.maxReplicas > 1 || traffic.autoscaling || apiManager.replicas > 1))
    checks.issues.add(
      'axway.events.accessMode',
      `"ReadWriteOnce" is allowed only with one traffic pod, no autoscaling and one API Manager pod (got up to ${traffic.maxReplicas} traffic and ${apiManager.replicas} API Manager pods); use "ReadWriteMany"`,
    );
  if (env.production && eventsSettings.accessMode !== 'ReadWriteMany')
    checks.issues.add('axway.events.accessMode', `production must share events on "ReadWriteMany" storage (got ${quote(eventsSettings.accessMode)})`);

  const schema = spec.metricsSchemaJob!;
  let metricsSchemaJob: ResolvedAxway['metricsSchemaJob'];
  const mysqlFamily = metricsDb.type === 'mysql' || metricsDb.type === 'mariadb';
  // The schema image follows the ANM image's tag unless it names its own.
  const schemaImage = () => resolveImage(context, 'AxwayMetricsSchemaJobSpec', 'image', schema.image, anmImage.slice(anmImage.lastIndexOf(':') + 1));
  const metricsSchemaCheck = env.production && mysqlFamily ? { image: schemaImage(), table: axwayMetricsSchemaTable } : undefined;
  if (schema.enabled === true) {
    if (metricsDb.type !== 'mysql' && metricsDb.type !== 'mariadb')
      checks.issues.add(
        'axway.metricsSchemaJob.enabled',
        `the schema Job loads mysql-analytics.sql with the mysql client; it cannot run against ${quote(metricsDb.type)}`,
      );
    metricsSchemaJob = { image: metricsSchemaCheck?.image ?? schemaImage(), scriptPath: schema.scriptPath! };
    if (metricsDb.credentialsSecret)
      useSecretFor(context, 'axway.metricsDb.credentials', spec.metricsDb?.credentials, ['axway-metrics-schema'], credentialKeys);
  }

  const hostsSpec = spec.hosts!;
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

  const cassandraConnections: ExternalConnection[] = cassandra.hosts.map((host) =>
    resolveDataStore(context, 'axway.cassandra', 'cassandra', host, cassandra.port, spec.cassandra.cidrs),
  );
  const dbConnection = resolveDataStore(context, 'axway.metricsDb', 'metrics-db', metricsDb.host, metricsDb.port, spec.metricsDb.cidrs);
  // Beyond the data stores: the traffic pods' API back ends, the API Manager's SMTP relay and identity
  // provider (the reference architecture's firewall table), and whatever else a workload names.
  const backends = resolveEgressTargets(context, 'axway.traffic.backends', spec.traffic!.backends);
  if (backends.length === 0)
    checks.issues.add(
      'axway.traffic.backends',
      'must name at least one API back end ({ name, cidrs, ports }, or anyAddressOutsideCluster: true for APIs on the Internet); without one no proxied call can leave the traffic pods',
    );
  const apiManagerSpec = spec.apiManager!;
  const apiManagerEgress = [
    ...(apiManagerSpec.smtp ? resolveEgressTarget(context, 'axway.apiManager.smtp', apiManagerSpec.smtp) : []),
    ...(apiManagerSpec.identityProvider ? resolveEgressTarget(context, 'axway.apiManager.identityProvider', apiManagerSpec.identityProvider) : []),
  ];
  // The log agent beside each container sends to the one destination of `logging.shipping`.
  const shipping = logging.shipping?.connections ?? [];
  const openTraffic = spec.openTraffic ?? (logging.shipping ? 'file' : 'stdout');
  if (openTraffic === 'file' && !logging.shipping)
    checks.issues.add(
      'axway.openTraffic',
      '"file" needs logging.shipping: nothing else reads the pods\' scratch volume, which a restart empties; use "stdout", or set logging.shipping',
    );
  const extra = (field: 'adminNodeManager' | 'apiManager' | 'traffic') => [
    ...resolveEgressTargets(context, `axway.${field}.extraEgress`, spec[field]!.extraEgress),
    ...shipping,
  ];
  // Each JVM's metrics port (the JMX exporter agent's, when on) is open to the scrapers.
  const withEgressAndMetrics = (c: ResolvedComponent, more: ExternalConnection[]): ResolvedComponent => ({
    ...c,
    external: [...c.external, ...more],
    metricsPorts: jvmMetricsPorts(env.monitoring),
  });
  const anmComponent = withEgressAndMetrics(adminNodeManagerComponent(dbConnection, metricsSchemaJob !== undefined), extra('adminNodeManager'));
  const apiManagerComp = withEgressAndMetrics(apiManagerComponent(cassandraConnections, dbConnection), [...apiManagerEgress, ...extra('apiManager')]);
  const trafficComp = withEgressAndMetrics(trafficComponent(cassandraConnections, dbConnection), [...backends, ...extra('traffic')]);

  const backendTls = resolveBackendTls(context, 'axway.backendTls', spec.backendTls);
  // Each interface on its own host at "/" (path rewrites break the UIs); HTTP/2 off towards clients on all of them.
  const route = (component: ResolvedComponent, host: string, servicePort: number, extra: Partial<ResolvedPublicRoute> = {}): ResolvedPublicRoute => ({
    name: component.id,
    host,
    componentId: component.id,
    serviceName: component.serviceName,
    servicePort,
    ...(backendTls ? { backendTls } : {}),
    http1Only: !axwayEntryFacts.http2,
    requestTimeoutSeconds: defaultRequestTimeoutSeconds,
    ...extra,
  });
  const routes = [
    route(anmComponent, hosts.adminNodeManager, axwayPorts.adminNodeManager, { allowedSourceRanges: anm.allowedSourceRanges }),
    // Sessions live in one API Manager pod, so a browser sticks to it by cookie.
    route(apiManagerComp, hosts.apiManager, axwayPorts.apiManager, {
      sessionCookie: apiManager.sessionCookieName,
      ...(apiManager.allowedSourceRanges ? { allowedSourceRanges: apiManager.allowedSourceRanges } : {}),
    }),
    route(trafficComp, hosts.traffic, axwayPorts.traffic, { requestTimeoutSeconds: traffic.proxyReadTimeoutSeconds }),
  ];

  return {
    components: [...(metricsSchemaJob ? [metricsSchemaComponent(dbConnection)] : []), anmComponent, apiManagerComp, trafficComp],
    adminNodeManager: { component: anmComponent, image: anmImage, host: hosts.adminNodeManager, settings: anm },
    apiManager: { component: apiManagerComp, image: gatewayImage, host: hosts.apiManager, settings: apiManager },
    traffic: { component: trafficComp, image: gatewayImage, host: hosts.traffic, settings: traffic },
    groupId: s.groupId!,
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
    traceLevel: s.traceLevel!,
    logFormat: logging.format,
    openTraffic,
    deploymentEnabled: s.deploymentEnabled!,
    anmHosts,
    ...(metricsSchemaJob ? { metricsSchemaJob } : {}),
    ...(metricsSchemaCheck ? { metricsSchemaCheck } : {}),
    requiredControllerSettings: axwayRequiredControllerSettings,
    routes,
    urls: axwayPublicUrls(hosts),
  };
}
