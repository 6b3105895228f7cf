import type { ExternalConnection, ResolvedComponent } from '../component';
import { checkPrivateRanges, resolveDataStore, resolveEgressTargets } from '../egress';
import { checkExtraEnv } from '../extra-env';
import { jvmMetricsPorts } from '../monitoring/resolve';
import type { ResolvedDatabaseTls } from '../network';
import type { ResourcesSpec } from '../resources';
import { checkHeapFits, checkResources } from '../resources';
import { quote } from '../spec-error';
import type { ResolvedPublicRoute } from '../resolve-entry';
import { defaultRequestTimeoutSeconds, resolveBackendTls } from '../resolve-entry';
import type { StackContext } from '../stack-context';
import type { Wso2ImageKind } from './facts';
import {
  wso2AdminPaths,
  wso2EntryFacts,
  wso2Images,
  wso2JavaOptsVariable,
  wso2KeyManagerProfile,
  wso2Ports,
  wso2SchemaScripts,
  wso2SchemaTables,
  wso2ServerRole,
} from './facts';
import type { ResolvedWso2Database, ResolvedWso2GatewayEnvironment, ResolvedWso2Keystores } from './resolve-settings';
import { resolveDatabase, resolveGatewayEnvironments, resolveHostnames, resolveImage, resolveKeystores } from './resolve-settings';
import type { Wso2AutoscalingSpec, Wso2ComponentSpec, Wso2HostnamesSpec, Wso2Spec } from './spec';
import { wso2HeapHeadroomMiB } from './spec';
import type { Wso2PublicUrls } from './public-urls';
import { wso2PublicUrls } from './public-urls';
import type { Wso2Role, Wso2Wiring } from './wiring';
import { wireWso2, wso2ComponentIds } from './wiring';

/** A TCP endpoint a component waits for before it starts. */
export interface Wso2WaitTarget {
  /** Short DNS label naming the check, e.g. `shared-db` or `control-plane-5672`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /**
   * In production, a database check goes further than the port: it queries a table the product's
   * script creates and says "schema missing" until it is there.
   */
  readonly schema?: Wso2SchemaCheck;
}

/** What a schema check queries. */
export interface Wso2SchemaCheck {
  readonly database: string;
  /** A table the product's script creates (facts.ts `wso2SchemaTables`). */
  readonly table: string;
  /** Secret with the database user's `username` and `password`. */
  readonly credentialsSecret: string;
  /** The script that creates it, named in the message. */
  readonly script: string;
  /** How the mysql client secures the connection. */
  readonly tls: ResolvedDatabaseTls;
}

/** One WSO2 component after defaults. */
export interface ResolvedWso2Component {
  readonly id: string;
  readonly role: Wso2Role;
  readonly serviceName: string;
  readonly replicas: number;
  readonly resources: ResourcesSpec;
  readonly heapMiB: number;
  /** Further environment variables of the server container (never secret values). */
  readonly extraEnv: Readonly<Record<string, string>>;
  /** Further pod annotations. */
  readonly podAnnotations: Readonly<Record<string, string>>;
  /** Full image reference. */
  readonly image: string;
  /** Which product image it runs (see `wso2Images` in facts.ts). */
  readonly imageKind: Wso2ImageKind;
  /** `PROFILE_NAME`, only on the image that reads it (the key managers' acp image). */
  readonly profile?: typeof wso2KeyManagerProfile;
  /** Start script under `$WSO2_SERVER_HOME/bin/` the entrypoint runs for this image and profile (its `stop` argument ends the server in preStop). */
  readonly script: string;
  /** `[server] server_role`. */
  readonly serverRole: typeof wso2ServerRole;
  /** `[server] hostname`: the public host its generated URLs use. */
  readonly hostname: string;
  /** The databases it opens, by `[database.…]` key. */
  readonly databases: readonly ('apim_db' | 'shared_db')[];
  /** Endpoints checked before the server starts (reference: "Start-up ordering"). */
  readonly waitFor: readonly Wso2WaitTarget[];
}

/** WSO2 after defaults: every name, host, URL and Secret decided. */
export interface ResolvedWso2 {
  readonly version: string;
  readonly controlPlane: ResolvedWso2Component & {
    /** Client CIDRs admitted to the management paths, or undefined when they are public. */
    readonly adminSourceRanges?: readonly string[];
  };
  readonly keyManager: ResolvedWso2Component & { readonly ingress: boolean };
  readonly gateway: ResolvedWso2Component & {
    /** Autoscaling bounds, or undefined when no HPA is rendered. */
    readonly autoscaling?: { readonly minReplicas: number; readonly maxReplicas: number; readonly targetCpuPercent: number };
  };
  readonly hostnames: Required<Wso2HostnamesSpec>;
  /** Every public URL (consoles and gateway endpoints), made once from `hostnames`. */
  readonly urls: Wso2PublicUrls;
  readonly databases: { readonly apim: ResolvedWso2Database; readonly shared: ResolvedWso2Database };
  readonly keystores: ResolvedWso2Keystores;
  /** Secret with the super admin's `username` and `password`. */
  readonly adminSecret: string;
  readonly userStore: { readonly type: 'database_unique_id' | 'database'; readonly properties: Readonly<Record<string, string | number | boolean>> };
  readonly gatewayEnvironments: readonly ResolvedWso2GatewayEnvironment[];
  /** The schema Job's client image, or undefined when the Job is off. */
  readonly schemaJob?: { readonly clientImage: string };
  /** Image with the mysql client (`schemaJob.clientImage`), for the schema Job and production schema checks. */
  readonly mysqlClientImage: string;
  readonly securityContext: { readonly runAsUser: number; readonly runAsGroup: number };
  /** Every in-cluster URL, computed once from the Service names. */
  readonly wiring: Wso2Wiring;
  readonly components: readonly ResolvedComponent[];
  /** The public hosts, each with the Service port that serves it: what the Ingresses and HTTPRoutes are made of. */
  readonly routes: readonly ResolvedPublicRoute[];
}

/**
 * The user's extra env vars, refused where they would hold a secret literally or replace a variable
 * the renderer sets (`NODE_IP`, `JVM_MEM_OPTS`, `PROFILE_NAME` and the `$env{…}` credentials).
 */
function extraEnvOf(ctx: StackContext, path: string, env: Readonly<Record<string, string>>): Record<string, string> {
  // JAVA_OPTS stays the user's: with the JMX exporter on, the renderer puts the agent in front of it.
  const reserved = new Set(['NODE_IP', 'JVM_MEM_OPTS', 'PROFILE_NAME', ...wso2Images.apiControlPlane.reads.filter((n) => n !== wso2JavaOptsVariable)]);
  return checkExtraEnv(ctx.checks, path, env, (name) => reserved.has(name) || /^(ADMIN|APIM_DB|SHARED_DB|KEYSTORE|TRUSTSTORE)_/.test(name));
}

/** Key of the admin Secret holding the URL-encoded password that `[apim.*.jms]` read. */
export const wso2AdminUrlEncodedPasswordKey = 'password-urlencoded';

/** The script the image's entrypoint starts for a `PROFILE_NAME` (none: `''`). */
function startScript(kind: Wso2ImageKind, profile = ''): string {
  const script = wso2Images[kind].startScripts[profile];
  if (script === undefined) throw new Error(`unreachable: the ${kind} image has no start script for PROFILE_NAME=${JSON.stringify(profile)}`);
  return script;
}

/** Id of the database schema Job's component (and name of the Job). */
export const wso2SchemaId = 'wso2-schema';

type Sizing = { replicas: number; resources: ResourcesSpec; heapMiB: number; serviceName: string };

/** A component's sizing after the schema's defaults; its Service is named after it unless the user says. */
function resolveSizing(ctx: StackContext, path: string, spec: Wso2ComponentSpec, id: string): Sizing {
  const sizing = { replicas: spec.replicas!, resources: spec.resources!, heapMiB: spec.heapMiB!, serviceName: spec.serviceName ?? id };
  checkResources(ctx.checks, `${path}.resources`, sizing.resources);
  checkHeapFits(ctx.checks, `${path}.heapMiB`, sizing.heapMiB, sizing.resources.limits.memory, wso2HeapHeadroomMiB);
  return sizing;
}

function resolveAutoscaling(ctx: StackContext, path: string, spec: Wso2AutoscalingSpec, replicas: number): ResolvedWso2['gateway']['autoscaling'] {
  if (spec.enabled !== true) return undefined;
  const minReplicas = spec.minReplicas ?? replicas;
  if (minReplicas < replicas)
    ctx.checks.issues.add(
      `${path}.minReplicas`,
      `${minReplicas} is below gateway.replicas (${replicas}); the autoscaler would scale the declared gateways away`,
    );
  if (spec.maxReplicas! <= minReplicas)
    ctx.checks.issues.add(`${path}.maxReplicas`, `${spec.maxReplicas} must be above minReplicas (${minReplicas}), or turn autoscaling off`);
  return { minReplicas, maxReplicas: spec.maxReplicas!, targetCpuPercent: spec.targetCpuPercent! };
}

function checkPattern5(ctx: StackContext, path: string, sizes: Record<Wso2Role, number>): void {
  // Two control planes need mode = "ha", a Service per instance and a url_group entry each.
  if (sizes.controlPlane !== 1)
    ctx.checks.issues.add(
      `${path}.controlPlane.replicas`,
      `Pattern 5 runs exactly one control plane (got ${sizes.controlPlane}); an HA control plane is a different pattern`,
    );
  if (!ctx.env.production) return;
  for (const role of ['keyManager', 'gateway'] as const)
    if (sizes[role] < 2)
      ctx.checks.issues.add(`${path}.${role}.replicas`, `a production environment runs Pattern 5 as written, at least 2 (got ${sizes[role]})`);
}

function mysqlWaits(databases: readonly ResolvedWso2Database[], production: boolean): Wso2WaitTarget[] {
  const waits: Wso2WaitTarget[] = [];
  for (const db of databases) {
    if (production) {
      const schema = {
        database: db.name,
        table: wso2SchemaTables[db.key],
        credentialsSecret: db.credentialsSecret,
        script: wso2SchemaScripts[db.key],
        tls: db.tls,
      };
      waits.push({ name: `${db.key.replace('_', '-')}-schema`, host: db.host, port: db.port, schema });
    } else if (!waits.some((w) => w.host === db.host && w.port === db.port)) {
      waits.push({ name: db.key.replace('_', '-'), host: db.host, port: db.port });
    }
  }
  return waits;
}

/**
 * Derives the WSO2 part of an environment from its schema-validated spec (every @default applied):
 * the rules that relate fields, the Secrets, the wiring and the components.
 */
export function resolveWso2(spec: Wso2Spec, ctx: StackContext): ResolvedWso2 {
  const { checks } = ctx;
  const path = 'wso2';
  const version = spec.version!;
  if (!/^4\.5\.\d+(\.\d+)?$/.test(version))
    checks.issues.add(`${path}.version`, `${quote(version)} is not a 4.5.x version; this stack renders API Manager 4.5 only`);
  const images = spec.images!;

  const ids = wso2ComponentIds;
  const all = [ids.controlPlane, ids.keyManager, ids.gateway];
  const cp = resolveSizing(ctx, `${path}.controlPlane`, spec.controlPlane!, ids.controlPlane);
  const km = resolveSizing(ctx, `${path}.keyManager`, spec.keyManager!, ids.keyManager);
  const gw = resolveSizing(ctx, `${path}.gateway`, spec.gateway!, ids.gateway);
  const autoscaling = resolveAutoscaling(ctx, `${path}.gateway.autoscaling`, spec.gateway!.autoscaling!, gw.replicas);
  checkPattern5(ctx, path, { controlPlane: cp.replicas, keyManager: km.replicas, gateway: gw.replicas });
  const names = { controlPlane: cp.serviceName, keyManager: km.serviceName, gateway: gw.serviceName };
  const seenNames = new Set<string>();
  for (const role of ['controlPlane', 'keyManager', 'gateway'] as const) {
    if (seenNames.has(names[role])) checks.issues.add(`${path}.${role}.serviceName`, `${quote(names[role])} is already another component's Service`);
    seenNames.add(names[role]);
  }

  const hostnames = resolveHostnames(ctx, `${path}.hostnames`, spec.hostnames!);
  // Who runs a mysql client against the databases: the schema Job, and in production every schema check.
  const schemaJobOn = spec.schemaJob!.enabled!;
  const clientsOf = (readers: readonly string[]) => [...(schemaJobOn ? [wso2SchemaId] : []), ...(ctx.env.production ? readers : [])];
  const truststoreFile = spec.keystores.truststoreFile!;
  const apimReaders = [ids.controlPlane, ids.keyManager];
  const apim = resolveDatabase(ctx, `${path}.databases.apim`, 'apim_db', spec.databases.apim, apimReaders, { truststoreFile, readers: clientsOf(apimReaders) });
  const shared = resolveDatabase(ctx, `${path}.databases.shared`, 'shared_db', spec.databases.shared, all, { truststoreFile, readers: clientsOf(all) });
  const keystores = resolveKeystores(ctx, `${path}.keystores`, spec.keystores, all);
  let adminSecret = '';
  for (const id of all) adminSecret = ctx.secrets.use(`${path}.admin`, spec.admin, id, ['username', 'password']) ?? '';
  // The AMQP URLs carry the password URL-encoded (carbon-apimgt jndi.properties.j2 writes it raw).
  if (adminSecret) ctx.secrets.derive(adminSecret, wso2AdminUrlEncodedPasswordKey, 'password', 'url');
  const userStore = { type: spec.userStore!.type!, properties: { ...spec.userStore!.properties! } };
  const gatewayEnvironments = resolveGatewayEnvironments(ctx, `${path}.gatewayEnvironments`, spec.gatewayEnvironments!);

  const job = spec.schemaJob!;
  const jobEnabled = job.enabled!;
  const clientImage = resolveImage(ctx, job.clientImage!, version, `${path}.schemaJob.clientImage`);
  const security = spec.securityContext!;

  const { wiring, connects } = wireWso2(names);
  const cpWaits = { name: 'control-plane', host: names.controlPlane };
  const base = (role: Wso2Role, sizing: Sizing, databases: ResolvedWso2Database[], waitFor: Wso2WaitTarget[]) => ({
    id: ids[role],
    role,
    serviceName: sizing.serviceName,
    replicas: sizing.replicas,
    resources: sizing.resources,
    heapMiB: sizing.heapMiB,
    databases: databases.map((d) => d.key),
    waitFor: [...mysqlWaits(databases, ctx.env.production), ...waitFor],
    extraEnv: extraEnvOf(ctx, `${path}.${role}.extraEnv`, spec[role]!.extraEnv!),
    podAnnotations: { ...spec[role]!.podAnnotations! },
  });
  const adminSourceRanges = spec.controlPlane!.adminSourceRanges;
  if (adminSourceRanges) checkPrivateRanges(ctx, `${path}.controlPlane.adminSourceRanges`, adminSourceRanges);
  const controlPlane: ResolvedWso2['controlPlane'] = {
    ...(adminSourceRanges ? { adminSourceRanges: [...adminSourceRanges] } : {}),
    ...base('controlPlane', cp, [apim, shared], []),
    image: resolveImage(ctx, images.controlPlane!, version, `${path}.images.controlPlane`),
    imageKind: 'allInOne',
    script: startScript('allInOne'),
    serverRole: wso2ServerRole,
    hostname: hostnames.management,
  };
  const keyManager: ResolvedWso2['keyManager'] = {
    ...base(
      'keyManager',
      km,
      [apim, shared],
      [
        { name: `${cpWaits.name}-${wso2Ports.servletHttps}`, host: cpWaits.host, port: wso2Ports.servletHttps },
        { name: `${cpWaits.name}-${wso2Ports.jms}`, host: cpWaits.host, port: wso2Ports.jms },
      ],
    ),
    image: resolveImage(ctx, images.keyManager!, version, `${path}.images.keyManager`),
    imageKind: 'apiControlPlane',
    profile: wso2KeyManagerProfile,
    script: startScript('apiControlPlane', wso2KeyManagerProfile),
    serverRole: wso2ServerRole,
    hostname: hostnames.keyManager,
    ingress: spec.keyManager!.ingress!,
  };
  const gateway: ResolvedWso2['gateway'] = {
    ...base(
      'gateway',
      gw,
      [shared],
      [
        ...[wso2Ports.servletHttps, wso2Ports.jms, wso2Ports.binary].map((port) => ({ name: `${cpWaits.name}-${port}`, host: cpWaits.host, port })),
        { name: `key-manager-${wso2Ports.servletHttps}`, host: names.keyManager, port: wso2Ports.servletHttps },
      ],
    ),
    image: resolveImage(ctx, images.gateway!, version, `${path}.images.gateway`),
    imageKind: 'universalGateway',
    script: startScript('universalGateway'),
    serverRole: wso2ServerRole,
    hostname: hostnames.gateway,
    ...(autoscaling ? { autoscaling } : {}),
  };

  const databasePaths = { apim_db: `${path}.databases.apim`, shared_db: `${path}.databases.shared` } as const;
  const databaseCidrs = { apim_db: spec.databases.apim.cidrs, shared_db: spec.databases.shared.cidrs };
  const external = (databases: ResolvedWso2Database[]): ExternalConnection[] =>
    databases.map((d) => resolveDataStore(ctx, databasePaths[d.key], d.key, d.host, d.port, databaseCidrs[d.key]));
  const extra = (role: Wso2Role) => resolveEgressTargets(ctx, `${path}.${role}.extraEgress`, spec[role]!.extraEgress);
  // A gateway exists to reach the APIs behind it; with default-deny egress it reaches nothing else.
  const backends = resolveEgressTargets(ctx, `${path}.gateway.backends`, spec.gateway!.backends);
  if (backends.length === 0)
    checks.issues.add(
      `${path}.gateway.backends`,
      'must name at least one API back end ({ name, cidrs, ports }, or anyAddressOutsideCluster: true for APIs on the Internet); without one no proxied call can leave the gateways',
    );
  const component = (c: ResolvedWso2Component, name: string, dependsOn: string[], ext: ExternalConnection[], ingressPorts: number[]): ResolvedComponent => ({
    id: c.id,
    stack: 'wso2',
    component: name,
    app: 'wso2am',
    serviceName: c.serviceName,
    dependsOn,
    connects: connects[c.role],
    external: ext,
    ingressPorts,
    metricsPorts: jvmMetricsPorts(ctx.env.monitoring),
  });
  // The schema Job, when on, is a component of its own: the control plane waits for it (so it syncs
  // in an earlier wave) and it reaches nothing but the two databases.
  const schema: ResolvedComponent = {
    id: wso2SchemaId,
    stack: 'wso2',
    component: 'schema',
    app: 'wso2am',
    serviceName: wso2SchemaId,
    dependsOn: [],
    connects: [],
    external: external([apim, shared]),
    ingressPorts: [],
    metricsPorts: [],
  };
  const components = [
    ...(jobEnabled === true ? [schema] : []),
    component(
      controlPlane,
      'control-plane',
      jobEnabled === true ? [wso2SchemaId] : [],
      [...external([apim, shared]), ...extra('controlPlane')],
      [wso2Ports.servletHttps],
    ),
    component(
      keyManager,
      'key-manager',
      [ids.controlPlane],
      [...external([apim, shared]), ...extra('keyManager')],
      keyManager.ingress ? [wso2Ports.servletHttps] : [],
    ),
    component(
      gateway,
      'gateway',
      [ids.controlPlane, ids.keyManager],
      [...external([shared]), ...backends, ...extra('gateway')],
      [wso2Ports.passThroughHttps, wso2Ports.webSocketSecure, wso2Ports.webSubHttps],
    ),
  ];

  const backendTls = resolveBackendTls(ctx, `${path}.backendTls`, spec.backendTls);
  const route = (name: string, host: string, c: ResolvedWso2Component, servicePort: number, extra: Partial<ResolvedPublicRoute> = {}): ResolvedPublicRoute => ({
    name,
    host,
    componentId: c.id,
    serviceName: c.serviceName,
    servicePort,
    ...(backendTls ? { backendTls } : {}),
    http1Only: false,
    requestTimeoutSeconds: defaultRequestTimeoutSeconds,
    ...extra,
  });
  // Gateway hosts go to the Universal Gateways, never to the control plane; each host is one route.
  const routes = [
    route(ids.controlPlane, hostnames.management, controlPlane, wso2Ports.servletHttps, { sessionCookie: wso2EntryFacts.sessionCookie }),
    // With an allow-list, the management paths get a route (and Ingress) of their own that admits only it;
    // entries pick the longest matching prefix, so the Developer Portal under `/` stays public.
    ...(adminSourceRanges
      ? [
          route(`${ids.controlPlane}-admin`, hostnames.management, controlPlane, wso2Ports.servletHttps, {
            sessionCookie: wso2EntryFacts.sessionCookie,
            paths: [...wso2AdminPaths],
            allowedSourceRanges: [...adminSourceRanges],
            listenerOf: ids.controlPlane,
          }),
        ]
      : []),
    route(ids.gateway, hostnames.gateway, gateway, wso2Ports.passThroughHttps),
    route(`${ids.gateway}-websocket`, hostnames.websocket, gateway, wso2Ports.webSocketSecure, {
      requestTimeoutSeconds: 0,
      idleTimeoutSeconds: wso2EntryFacts.webSocketIdleSeconds,
    }),
    route(`${ids.gateway}-websub`, hostnames.websub, gateway, wso2Ports.webSubHttps),
    ...(keyManager.ingress ? [route(ids.keyManager, hostnames.keyManager, keyManager, wso2Ports.servletHttps)] : []),
  ];

  return {
    version,
    controlPlane,
    keyManager,
    gateway,
    hostnames,
    urls: wso2PublicUrls(hostnames),
    databases: { apim, shared },
    keystores,
    adminSecret,
    userStore,
    gatewayEnvironments,
    ...(jobEnabled === true ? { schemaJob: { clientImage } } : {}),
    mysqlClientImage: clientImage,
    securityContext: { runAsUser: security.runAsUser!, runAsGroup: security.runAsGroup! },
    wiring,
    components,
    routes,
  };
}

// The models index re-exports this module; the wso2 vocabulary the renderer reads goes out with it.
export * from './facts';
export * from './wiring';
export * from './public-urls';
export type { ResolvedWso2Database, ResolvedWso2GatewayEnvironment, ResolvedWso2Keystores } from './resolve-settings';
