import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IDeploymentStrategy } from 'kubernetes-models/apps/v1/DeploymentStrategy';
import type { IAffinity, IContainer, IProbe, ITopologySpreadConstraint, IVolume } from 'kubernetes-models/v1';
import type { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ResolvedAxway, ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';
import { axwayImageUser } from '@apim-gitops/models';
import type { IPodSpec } from 'kubernetes-models/v1';
import { secretRotation } from '../common/secret-rotation';
import { schedulingOf } from '../common/spread';
import { extraEnvVars } from '../common/extra-env';
import { configChecksum, configChecksumAnnotation } from '../common/checksum';
import { podSecurityContext } from '../common/pod-security';
import type { Json } from '../kube-object';
import { toPlain } from '../kube-object';
import { componentLabels, selectorLabels } from '../labels';
import { jmxExporterPodParts } from '../monitoring/jmx-exporter';
import type { AxwayLogAgent } from './log-agent';
import { logAgentChecksumAnnotation } from './log-agent';
import type { AxwayStorage } from './runtime';

/** Everything that differs between the three Axway Deployments. */
export interface AxwayDeploymentParts {
  readonly component: ResolvedComponent;
  readonly replicas: number;
  readonly strategy: IDeploymentStrategy;
  readonly initContainers: { readonly containers: IContainer[]; readonly volumes: IVolume[] };
  readonly container: IContainer;
  readonly storage: AxwayStorage;
  readonly config: ConfigMap;
  /** The log agent, when the environment ships logs. */
  readonly logAgent?: AxwayLogAgent;
  readonly terminationGracePeriodSeconds: number;
  readonly affinity?: IAffinity;
  readonly topologySpreadConstraints?: ITopologySpreadConstraint[];
}

/** A Deployment of one Axway component, with the stack's pod-level settings. */
export function axwayDeployment(env: ResolvedEnvironment, ax: ResolvedAxway, parts: AxwayDeploymentParts): Deployment {
  const { component } = parts;
  const settings = [ax.adminNodeManager, ax.apiManager, ax.traffic].find((w) => w.component.id === component.id)!.settings;
  // The JMX exporter agent, when on: its flag is in jvm.xml (runtime.ts), its jar, rules and port are here.
  const metrics = jmxExporterPodParts(env, 'axway');
  const container: IContainer = {
    ...parts.container,
    ports: [...(parts.container.ports ?? []), ...(metrics ? [metrics.port] : [])],
    env: [...(parts.container.env ?? []), ...extraEnvVars(settings.extraEnv)],
    volumeMounts: [...parts.storage.mounts, ...(metrics?.mounts ?? [])],
  };
  const pod: IPodSpec = {
    serviceAccountName: component.id,
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(axwayImageUser.uid, axwayImageUser.gid),
    ...(env.images.pullSecret ? { imagePullSecrets: [{ name: env.images.pullSecret }] } : {}),
    terminationGracePeriodSeconds: parts.terminationGracePeriodSeconds,
    // The agent comes after the prechecks and the metrics agent's copy: as a native sidecar it is up before the
    // product starts.
    initContainers: [...parts.initContainers.containers, ...(metrics ? [metrics.initContainer] : []), ...(parts.logAgent ? [parts.logAgent.container] : [])],
    containers: [container],
    volumes: [...parts.storage.volumes, ...parts.initContainers.volumes, ...(metrics?.volumes ?? []), ...(parts.logAgent?.volumes ?? [])],
    ...(parts.affinity ? { affinity: parts.affinity } : {}),
    ...(parts.topologySpreadConstraints?.length ? { topologySpreadConstraints: parts.topologySpreadConstraints } : {}),
    ...schedulingOf(env),
  };
  // The licence, certificates and passwords are read once at start: a rotated Secret needs new pods.
  const rotation = secretRotation(env, pod);
  return new Deployment({
    metadata: {
      name: component.id,
      labels: componentLabels(component),
      ...(Object.keys(rotation.deployment).length ? { annotations: rotation.deployment } : {}),
    },
    spec: {
      replicas: parts.replicas,
      strategy: parts.strategy,
      selector: { matchLabels: selectorLabels(component) },
      template: {
        metadata: {
          labels: componentLabels(component),
          annotations: {
            ...settings.podAnnotations,
            [configChecksumAnnotation]: configChecksum(toPlain(parts.config) as Json),
            ...(parts.logAgent ? { [logAgentChecksumAnnotation]: parts.logAgent.checksum } : {}),
            'axway.com/group-id': ax.groupId,
            ...metrics?.podAnnotations,
            ...rotation.pod,
          },
        },
        spec: pod,
      },
    },
  });
}

/**
 * Required co-location with the ANM pod, for a ReadWriteOnce events volume: such a volume attaches to
 * one node only, so every pod that mounts it must run there.
 */
export function besideAdminNodeManager(ax: ResolvedAxway): IAffinity | undefined {
  if (ax.events.accessMode !== 'ReadWriteOnce') return undefined;
  return {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: selectorLabels(ax.adminNodeManager.component) }, topologyKey: 'kubernetes.io/hostname' },
      ],
    },
  };
}

/** Timing of one probe, in seconds (and a failure count). */
export interface ProbeTiming {
  readonly initialDelaySeconds?: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold?: number;
}

/**
 * An httpGet probe. The `k8sprobe` header tags probe calls in the gateway's traffic logs, so they can
 * be filtered out of monitoring.
 */
export function httpProbe(scheme: 'HTTP' | 'HTTPS', path: string, port: number, kind: string, timing: ProbeTiming): IProbe {
  return { httpGet: { scheme, path, port, httpHeaders: [{ name: 'k8sprobe', value: kind }] }, ...timing };
}

/**
 * A startup probe with a 10-minute budget (10 s × 60): the first start creates the Cassandra tables
 * and takes minutes, and liveness must not kill the pod meanwhile.
 */
export function firstStartProbe(scheme: 'HTTP' | 'HTTPS', path: string, port: number): IProbe {
  return httpProbe(scheme, path, port, 'startup', { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 60 });
}

/** Lets the ingress and Service stop sending before the gateway shuts down. */
export const drainPreStop = { preStop: { exec: { command: ['sleep', '10'] } } };
