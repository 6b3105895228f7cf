import type { ResolvedAxway, ResolvedEnvironment } from '@apim-gitops/models';
import { axwayPorts, axwayProbePaths } from '@apim-gitops/models';
import { containerSecurityContext } from '../common/pod-security';
import { clusterService, serviceAccount } from '../common/service';
import type { KubeObject } from '../kube-object';
import { axwayDeployment, httpProbe } from './pod-template';
import { axwayLogAgent } from './log-agent';
import { prechecks } from './prechecks';
import { axwayServicePort, axwayStorage, baseEnv, containerResources, jvmConfigMap, metricsDbEnv } from './runtime';

/**
 * The Admin Node Manager: exactly one pod, replaced with `Recreate` because a rolling update would
 * briefly run two ANMs, each seeing half of the topology. No HPA and no PDB.
 */
export function renderAdminNodeManager(env: ResolvedEnvironment, ax: ResolvedAxway): KubeObject[] {
  const { component, settings } = ax.adminNodeManager;
  const port = axwayPorts.adminNodeManager;
  const config = jvmConfigMap(component, 'anm', env);
  const logAgent = axwayLogAgent(env, ax, component, 'anm');
  const deployment = axwayDeployment(env, ax, {
    component,
    replicas: settings.replicas,
    strategy: { type: 'Recreate' },
    initContainers: prechecks(env, ax, 'anm'),
    ...(logAgent ? { logAgent } : {}),
    config,
    storage: axwayStorage(ax, component, 'anm'),
    terminationGracePeriodSeconds: 30,
    container: {
      name: 'anm',
      image: ax.adminNodeManager.image,
      imagePullPolicy: 'IfNotPresent',
      ports: [{ name: 'https', containerPort: port, protocol: 'TCP' }],
      env: [...baseEnv(ax, settings.heapMb, settings.traceLevel), ...metricsDbEnv(ax)],
      resources: containerResources(settings.resources),
      readinessProbe: httpProbe('HTTPS', axwayProbePaths.adminNodeManager, port, 'readiness', {
        initialDelaySeconds: 30,
        periodSeconds: 10,
        timeoutSeconds: 5,
      }),
      livenessProbe: httpProbe('HTTPS', axwayProbePaths.adminNodeManager, port, 'liveness', {
        initialDelaySeconds: 60,
        periodSeconds: 60,
        timeoutSeconds: 5,
        failureThreshold: 3,
      }),
      securityContext: containerSecurityContext(),
    },
  });
  return [
    serviceAccount(component),
    config,
    ...(logAgent ? [logAgent.configMap] : []),
    deployment,
    clusterService(component, [axwayServicePort('https', port)]),
  ];
}
