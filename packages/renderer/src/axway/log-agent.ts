import type { AxwayFileLog, AxwayLogRole, ResolvedAxway, ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';
import { axwayFileLogs, axwayLogMountPath, axwayTraceRecordStart, logAgentFacts } from '@apim-gitops/models';
import type { IContainer, IEnvVar, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { configChecksum } from '../common/checksum';
import { logAgentConfig } from '../common/log-agent-config';
import { containerSecurityContext } from '../common/pod-security';
import { componentLabels } from '../labels';
import { containerResources } from './runtime';

/** Pod-template annotation with the hash of the agent's config, so a config change rolls the pods. */
export const logAgentChecksumAnnotation = 'checksum/log-agent';

/** Name of the agent's container; it runs as a native sidecar (an init container that keeps running). */
export const logAgentContainerName = 'log-agent';

/** The agent of one Axway pod: its container, the volumes only it uses, its ConfigMap and the config's hash. */
export interface AxwayLogAgent {
  readonly container: IContainer;
  readonly volumes: IVolume[];
  readonly configMap: ConfigMap;
  readonly checksum: string;
}

/** Whether the product writes this log to a file, given the environment's settings. */
function writtenToFile(log: AxwayFileLog, ax: ResolvedAxway): boolean {
  if (log.written === 'trace-files') return ax.logFormat === 'text';
  if (log.written === 'open-traffic-file') return ax.openTraffic === 'file';
  return true;
}

/** The file logs a container of `role` writes, with their absolute patterns (models' axway/log-facts.ts). */
export function axwayShippedLogs(ax: ResolvedAxway, role: AxwayLogRole): { log: AxwayFileLog; path: string }[] {
  return axwayFileLogs
    .filter((log) => log.roles.includes(role) && writtenToFile(log, ax))
    .map((log) => ({ log, path: `${axwayLogMountPath(role, log.volume)}/${log.pattern}` }));
}

/**
 * The log agent beside an Axway container, when `logging.shipping` is set: Fluent Bit, from the environment's
 * registry, tailing the product's log files from the pod's scratch volumes (mounted read-only at the paths the
 * product writes them to), keeping its offsets and buffers on a volume of its own, and sending to the one
 * destination. It is an init container with `restartPolicy: Always` (a native sidecar, Kubernetes 1.29 and later),
 * so it starts before the product and stops after it. It never mounts the shared events volume (models'
 * `axwayEventsNotShipped` says why).
 */
export function axwayLogAgent(env: ResolvedEnvironment, ax: ResolvedAxway, component: ResolvedComponent, role: AxwayLogRole): AxwayLogAgent | undefined {
  const shipping = env.logging.shipping;
  if (!shipping) return undefined;
  const shipped = axwayShippedLogs(ax, role);
  const streams = [...new Set(shipped.map((s) => s.log.stream))];
  const config = logAgentConfig({
    environment: env.name,
    component: component.id,
    tagPrefix: 'axway',
    logs: streams.map((stream) => {
      const of = shipped.filter((s) => s.log.stream === stream);
      return { stream, paths: of.map((s) => s.path), content: of[0]!.log.content };
    }),
    destination: shipping.destination,
    recordStart: axwayTraceRecordStart,
  });
  const configMap = new ConfigMap({
    metadata: { name: `${component.id}-log-agent`, labels: componentLabels(component) },
    data: { [logAgentFacts.configFile]: config },
  });
  const { destination } = shipping;
  const volumes: IVolume[] = [
    { name: 'log-agent-config', configMap: { name: configMap.metadata!.name! } },
    // Offsets, buffers and S3 parts: they outlive a restart of the agent, not of the pod.
    { name: 'log-agent-state', emptyDir: { sizeLimit: '512Mi' } },
    ...(destination.caSecret
      ? [{ name: 'log-agent-ca', secret: { secretName: destination.caSecret, defaultMode: 0o440, items: [{ key: 'ca.crt', path: 'ca.crt' }] } }]
      : []),
  ];
  const logVolumes = [...new Set(shipped.map((s) => s.log.volume))].sort();
  const mounts: IVolumeMount[] = [
    { name: 'log-agent-config', mountPath: logAgentFacts.configDir, readOnly: true },
    { name: 'log-agent-state', mountPath: logAgentFacts.stateDir },
    ...(destination.caSecret ? [{ name: 'log-agent-ca', mountPath: logAgentFacts.caDir, readOnly: true }] : []),
    // The product's own scratch volumes, at the same paths, read-only: the product writes, the agent reads.
    ...logVolumes.map((volume) => ({ name: volume, mountPath: axwayLogMountPath(role, volume), readOnly: true })),
  ];
  const envVars: IEnvVar[] = [
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    // Credentials reach the agent only as variables from the Secret; its config names the variables.
    ...(destination.auth?.credentials ?? []).map((c) => ({ name: c.env, valueFrom: { secretKeyRef: { name: c.secret, key: c.key } } })),
  ];
  const container: IContainer = {
    name: logAgentContainerName,
    image: shipping.image,
    imagePullPolicy: 'IfNotPresent',
    restartPolicy: 'Always',
    args: logAgentFacts.configArgs(`${logAgentFacts.configDir}/${logAgentFacts.configFile}`),
    ports: [{ name: 'log-agent', containerPort: logAgentFacts.httpPort, protocol: 'TCP' }],
    env: envVars,
    resources: containerResources(shipping.resources),
    // Both on the HTTP server's `/`, which answers while the process runs (models' log-agent-facts.ts).
    livenessProbe: { httpGet: { path: '/', port: logAgentFacts.httpPort }, initialDelaySeconds: 10, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: '/', port: logAgentFacts.httpPort }, periodSeconds: 10, timeoutSeconds: 5 },
    securityContext: { ...containerSecurityContext(), readOnlyRootFilesystem: true },
    volumeMounts: mounts,
  };
  return { container, volumes, configMap, checksum: configChecksum(configMap.data as Record<string, string>) };
}
