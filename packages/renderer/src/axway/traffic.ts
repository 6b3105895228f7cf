import type { ResolvedAxway, ResolvedEnvironment } from '@apim-gitops/models';
import { axwayHealthPath, axwayPorts } from '@apim-gitops/models';
import { cpuAutoscaler, podDisruptionBudget } from '../common/disruption';
import { containerSecurityContext } from '../common/pod-security';
import { clusterService, serviceAccount } from '../common/service';
import { nodeAntiAffinity, zoneSpread } from '../common/spread';
import type { KubeObject } from '../kube-object';
import { selectorLabels } from '../labels';
import { axwayDeployment, besideAdminNodeManager, drainPreStop, firstStartProbe, httpProbe } from './pod-template';
import { axwayLogAgent } from './log-agent';
import { prechecks } from './prechecks';
import { axwayServicePort, axwayStorage, containerResources, gatewayContainerPorts, gatewayEnv, jvmConfigMap } from './runtime';

/**
 * The traffic gateways: one pod per node where the nodes allow it (preferred anti-affinity), spread
 * over zones, autoscaled on CPU and protected by a PDB that always leaves one pod free to drain.
 */
export function renderTraffic(env: ResolvedEnvironment, ax: ResolvedAxway): KubeObject[] {
  const { component, settings } = ax.traffic;
  const selector = selectorLabels(component);
  const config = jvmConfigMap(component, 'gateway', env);
  const colocation = besideAdminNodeManager(ax);
  const logAgent = axwayLogAgent(env, ax, component, 'gateway');
  const deployment = axwayDeployment(env, ax, {
    component,
    replicas: settings.replicas,
    // A new pod first, then an old one goes (never below the running count). The surge pod can always
    // be placed, because the anti-affinity is only preferred.
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    initContainers: prechecks(env, ax, 'traffic'),
    ...(logAgent ? { logAgent } : {}),
    config,
    storage: axwayStorage(ax, component, 'gateway'),
    terminationGracePeriodSeconds: 40,
    // Preferred, not required: the seed asks for one pod per node "if it is possible based on the
    // resource availability", and a required rule would cap the HPA at the node count (3 of 12 on the
    // reference's three workers).
    affinity: { ...nodeAntiAffinity(selector, 'preferred'), ...colocation },
    topologySpreadConstraints: zoneSpread(selector, env.scheduling.zoneSpread),
    container: {
      name: 'traffic',
      image: ax.traffic.image,
      imagePullPolicy: 'IfNotPresent',
      ports: gatewayContainerPorts(),
      env: gatewayEnv(ax, settings.heapMb, settings.traceLevel),
      resources: containerResources(settings.resources),
      startupProbe: firstStartProbe('HTTP', axwayHealthPath, axwayPorts.health),
      readinessProbe: httpProbe('HTTP', axwayHealthPath, axwayPorts.health, 'readiness', { initialDelaySeconds: 40, periodSeconds: 5, timeoutSeconds: 5 }),
      livenessProbe: httpProbe('HTTP', axwayHealthPath, axwayPorts.health, 'liveness', { periodSeconds: 30, timeoutSeconds: 15, failureThreshold: 3 }),
      lifecycle: drainPreStop,
      securityContext: containerSecurityContext(),
    },
  });
  const service = clusterService(component, [
    axwayServicePort('traffic', axwayPorts.traffic),
    axwayServicePort('health', axwayPorts.health),
    // Listed so that the ANM's connection to each gateway pod is visible to policy derivation.
    axwayServicePort('mgmt', axwayPorts.management),
  ]);
  const objects: KubeObject[] = [serviceAccount(component), config, ...(logAgent ? [logAgent.configMap] : []), deployment, service];
  const pdb = podDisruptionBudget(component, settings.replicas, settings.replicas - 1);
  if (pdb) objects.push(pdb);
  const { autoscaling } = settings;
  if (autoscaling) objects.push(cpuAutoscaler(component, autoscaling.minReplicas, autoscaling.maxReplicas, autoscaling.cpuUtilization));
  return objects;
}
