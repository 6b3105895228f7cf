import type { ResolvedAxway, ResolvedEnvironment } from '@apim-gitops/models';
import { axwayPorts, axwayProbePaths } from '@apim-gitops/models';
import { containerSecurityContext } from '../common/pod-security';
import { clusterService, serviceAccount } from '../common/service';
import type { KubeObject } from '../kube-object';
import { axwayDeployment, besideAdminNodeManager, drainPreStop, firstStartProbe, httpProbe } from './pod-template';
import { axwayLogAgent } from './log-agent';
import { prechecks } from './prechecks';
import { axwayServicePort, axwayStorage, containerResources, gatewayContainerPorts, gatewayEnv, jvmConfigMap } from './runtime';

/**
 * The API Manager UI: the gateway image serving the UI and REST API on 8075. Not on the API request
 * path, so one pod is enough; more rely on the Ingress's cookie affinity (see ingresses.ts).
 */
export function renderApiManager(env: ResolvedEnvironment, ax: ResolvedAxway): KubeObject[] {
  const { component, settings } = ax.apiManager;
  const port = axwayPorts.apiManager;
  const config = jvmConfigMap(component, 'gateway', env);
  const affinity = besideAdminNodeManager(ax);
  const logAgent = axwayLogAgent(env, ax, component, 'gateway');
  const deployment = axwayDeployment(env, ax, {
    component,
    replicas: settings.replicas,
    // Never a surge pod: the reference architecture runs one API Manager, and a second one beside it
    // during a rollout would split the UI sessions (they are per pod) without cookie affinity.
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    initContainers: prechecks(env, ax, 'api-manager'),
    ...(logAgent ? { logAgent } : {}),
    config,
    storage: axwayStorage(ax, component, 'gateway'),
    terminationGracePeriodSeconds: 40,
    ...(affinity ? { affinity } : {}),
    container: {
      name: 'api-manager',
      image: ax.apiManager.image,
      imagePullPolicy: 'IfNotPresent',
      ports: [{ name: 'ui', containerPort: port, protocol: 'TCP' }, ...gatewayContainerPorts()],
      env: gatewayEnv(ax, settings.heapMb, settings.traceLevel),
      resources: containerResources(settings.resources),
      startupProbe: firstStartProbe('HTTPS', axwayProbePaths.apiManager, port),
      readinessProbe: httpProbe('HTTPS', axwayProbePaths.apiManager, port, 'readiness', { initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 5 }),
      // The reference's 300 s liveness delay is covered by the startup probe's 10-minute budget.
      livenessProbe: httpProbe('HTTPS', axwayProbePaths.apiManager, port, 'liveness', { periodSeconds: 60, timeoutSeconds: 15, failureThreshold: 3 }),
      lifecycle: drainPreStop,
      securityContext: containerSecurityContext(),
    },
  });
  // 8085 is listed so that the ANM's connection to each gateway pod is visible to policy derivation.
  const service = clusterService(component, [axwayServicePort('ui', port), axwayServicePort('mgmt', axwayPorts.management)]);
  return [serviceAccount(component), config, ...(logAgent ? [logAgent.configMap] : []), deployment, service];
}
