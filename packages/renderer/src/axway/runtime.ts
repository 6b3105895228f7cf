import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainerPort, IEnvVar, IResourceRequirements, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import type { ResolvedAxway, ResolvedComponent, ResolvedEnvironment, ResourcesSpec } from '@apim-gitops/models';
import {
  axwayCassandraEnv,
  axwayGatewayInstanceDir,
  axwayHealthPath,
  axwayHttpsPorts,
  axwayInstallRoot,
  axwayVmArgElement,
  axwayPaths,
  axwayPorts,
  axwayLogEnv,
  axwayLogMountPath,
  axwayVmArgs,
} from '@apim-gitops/models';
import type { NamedPort } from '../common/service';
import { jmxExporterPodParts } from '../monitoring/jmx-exporter';
import { componentLabels } from '../labels';

// Paths are product facts (models' axway/facts.ts); these are short names for them.
/** Install root inside both images. */
export const installRoot = axwayInstallRoot;
/** Where an EMT gateway keeps its instance files; fixed by the EMT images whatever the group id. */
export const gatewayInstanceDir = axwayGatewayInstanceDir;
/** The shared events folder, read by the ANM and written by every gateway. */
export const eventsMountPath = axwayPaths.events;
/** Files here are copied over the install root before the server starts. */
export const mergeApigatewayDir = axwayPaths.mergeApigateway;

/** Which kind of Axway container a piece of runtime is for. */
export type AxwayRole = 'anm' | 'gateway';

/** A container's requests and limits as Kubernetes takes them. */
export function containerResources(r: ResourcesSpec): IResourceRequirements {
  return {
    requests: { cpu: r.requests.cpu, memory: r.requests.memory },
    limits: { cpu: r.limits.cpu, memory: r.limits.memory },
  };
}

/** Variables every Axway container reads; `traceLevel` is the workload's own, else the stack's. */
export function baseEnv(ax: ResolvedAxway, heapMb: number, traceLevel: ResolvedAxway['traceLevel'] = ax.traceLevel): IEnvVar[] {
  return [
    // The images refuse to start without it.
    { name: 'ACCEPT_GENERAL_CONDITIONS', value: 'yes' },
    { name: 'EMT_HEAP_SIZE_MB', value: String(heapMb) },
    { name: axwayLogEnv.traceLevel, value: traceLevel },
    // JSON trace on stdout and no trace files, or the other way round (Axway "Redirect logs to stdout").
    { name: axwayLogEnv.traceJsonToStdout, value: String(ax.logFormat === 'json') },
    { name: axwayLogEnv.traceToFile, value: String(ax.logFormat !== 'json') },
  ];
}

/** The metrics database connection; the password only ever comes from the Secret. */
export function metricsDbEnv(ax: ResolvedAxway): IEnvVar[] {
  const secret = ax.metricsDb.credentialsSecret;
  return [
    { name: 'METRICS_DB_URL', value: ax.metricsDb.jdbcUrl },
    { name: 'METRICS_DB_USERNAME', valueFrom: { secretKeyRef: { name: secret, key: 'username' } } },
    { name: 'METRICS_DB_PASS', valueFrom: { secretKeyRef: { name: secret, key: 'password' } } },
  ];
}

/**
 * Cassandra settings as the FED reads them: one `CASS_HOST` contact point for the factory FED, or one
 * variable per node for a FED built with them; the rest for FEDs environmentalised with those names.
 */
export function cassandraEnv(ax: ResolvedAxway): IEnvVar[] {
  const { cassandra } = ax;
  const hosts =
    cassandra.hostVariables === 'per-node'
      ? cassandra.hosts.map((host, i) => ({ name: axwayCassandraEnv.perNodeHost(i + 1), value: host }))
      : [{ name: axwayCassandraEnv.host, value: cassandra.hosts[0] ?? '' }];
  return [
    ...hosts,
    { name: 'CASS_PORT', value: String(cassandra.port) },
    { name: 'CASS_KEYSPACE', value: cassandra.keyspace },
    { name: 'CASS_TKEYSPACE', value: cassandra.transactionKeyspace },
    { name: 'CASS_USERNAME', valueFrom: { secretKeyRef: { name: cassandra.credentialsSecret, key: 'username' } } },
    { name: 'CASS_PASS', valueFrom: { secretKeyRef: { name: cassandra.credentialsSecret, key: 'password' } } },
  ];
}

/** Ports every gateway pod opens: API traffic, the health listener and the management interface. */
export function gatewayContainerPorts(): IContainerPort[] {
  return [
    { name: 'traffic', containerPort: axwayPorts.traffic, protocol: 'TCP' },
    { name: 'health', containerPort: axwayPorts.health, protocol: 'TCP' },
    { name: 'mgmt', containerPort: axwayPorts.management, protocol: 'TCP' },
  ];
}

/** What API Manager and traffic pods read: registration, health listener, Cassandra and metrics. */
export function gatewayEnv(ax: ResolvedAxway, heapMb: number, traceLevel?: ResolvedAxway['traceLevel']): IEnvVar[] {
  return [
    ...baseEnv(ax, heapMb, traceLevel),
    { name: 'EMT_ANM_HOSTS', value: ax.anmHosts },
    { name: 'EMT_DEPLOYMENT_ENABLED', value: String(ax.deploymentEnabled) },
    { name: 'EMT_HEALTHCHECK_PORT', value: String(axwayPorts.health) },
    { name: 'EMT_HEALTHCHECK_PATH', value: axwayHealthPath },
    { name: axwayLogEnv.openTrafficOutput, value: ax.openTraffic },
    // Names the node in the ANM topology view instead of a pod id that changes on every restart.
    { name: 'EMT_PARENT_HOST', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    ...cassandraEnv(ax),
    ...metricsDbEnv(ax),
  ];
}

// The ANM and the gateways each get their own VMArg; heap sizes never go here (EMT_HEAP_SIZE_MB owns them).
const vmArgs: Record<AxwayRole, string> = axwayVmArgs;

/** Name of a component's jvm.xml ConfigMap. */
export function configMapName(component: ResolvedComponent): string {
  return `${component.id}-config`;
}

/**
 * The jvm.xml ConfigMap of one component. With the JMX exporter on, the agent is a VMArg too: jvm.xml is
 * where these JVMs take options (models' axway/facts.ts `axwayVmArgElement`).
 */
export function jvmConfigMap(component: ResolvedComponent, role: AxwayRole, env: ResolvedEnvironment): ConfigMap {
  const agent = jmxExporterPodParts(env, 'axway')?.javaAgentFlag;
  const args = [axwayVmArgElement(vmArgs[role]), ...(agent ? [axwayVmArgElement(agent)] : [])];
  const xml = `<ConfigurationFragment>\n${args.map((a) => `  ${a}\n`).join('')}</ConfigurationFragment>\n`;
  return new ConfigMap({
    metadata: { name: configMapName(component), labels: componentLabels(component) },
    data: { 'jvm.xml': xml },
  });
}

/** Volumes and mounts of one Axway container. */
export interface AxwayStorage {
  readonly volumes: IVolume[];
  readonly mounts: IVolumeMount[];
}

/**
 * The shared events claim, the jvm.xml ConfigMap, the domain certificate (through the merge folder,
 * so the start script puts it where the image expects it), scratch space for trace and logs, and the
 * licence (gateways) or admin users file (ANM).
 */
export function axwayStorage(ax: ResolvedAxway, component: ResolvedComponent, role: AxwayRole): AxwayStorage {
  const volumes: IVolume[] = [
    { name: 'events', persistentVolumeClaim: { claimName: ax.events.claimName } },
    { name: 'jvm-config', configMap: { name: configMapName(component) } },
    {
      name: 'domain-cert',
      secret: {
        secretName: ax.certificatesSecret,
        defaultMode: 0o440,
        items: [
          { key: 'domaincert.pem', path: 'domaincert.pem' },
          { key: 'domainkey.pem', path: 'private/domainkey.pem' },
        ],
      },
    },
    { name: 'trace', emptyDir: {} },
    { name: 'logs', emptyDir: {} },
  ];
  const mounts: IVolumeMount[] = [
    { name: 'events', mountPath: eventsMountPath },
    { name: 'jvm-config', mountPath: role === 'anm' ? axwayPaths.anmJvmXml : axwayPaths.gatewayJvmXml, subPath: 'jvm.xml', readOnly: true },
    { name: 'domain-cert', mountPath: `${mergeApigatewayDir}/groups/certs`, readOnly: true },
    { name: 'trace', mountPath: axwayLogMountPath(role, 'trace') },
    { name: 'logs', mountPath: axwayLogMountPath(role, 'logs') },
  ];
  if (role === 'anm') {
    volumes.push({
      name: 'admin-users',
      secret: { secretName: ax.adminUsersSecret, defaultMode: 0o440, items: [{ key: 'adminUsers.json', path: 'adminUsers.json' }] },
    });
    mounts.push({ name: 'admin-users', mountPath: axwayPaths.adminUsers, subPath: 'adminUsers.json', readOnly: true });
  } else {
    volumes.push(
      { name: 'license', secret: { secretName: ax.licenseSecret, defaultMode: 0o440, items: [{ key: 'license.lic', path: 'license.lic' }] } },
      { name: 'opentraffic', emptyDir: {} },
    );
    mounts.push(
      { name: 'license', mountPath: `${axwayPaths.licenses}/license.lic`, subPath: 'license.lic', readOnly: true },
      { name: 'opentraffic', mountPath: axwayLogMountPath(role, 'opentraffic') },
    );
  }
  return { volumes, mounts };
}

/** A Service port of an Axway pod, marked `appProtocol: https` where the pods serve TLS on it (facts.ts `axwayHttpsPorts`). */
export function axwayServicePort(name: string, port: number): NamedPort {
  const https = axwayHttpsPorts.some((key) => axwayPorts[key] === port);
  return { name, port, ...(https ? { appProtocol: 'https' as const } : {}) };
}
