import type { ResolvedEnvironment, ResolvedWso2 } from '@apim-gitops/models';
import { wso2ContainerPorts, wso2ServicePorts } from '@apim-gitops/models';
import { cpuAutoscaler, podDisruptionBudget } from '../common/disruption';
import type { KubeObject } from '../kube-object';
import { componentOf } from './component-of';
import { gatewayToml } from './deployment-toml';
import { wso2Ingresses } from './ingresses';
import { renderWso2Workload, startupHealthcheckPath } from './workload';

/**
 * The Universal Gateways (`gateway-worker` profile): rolling, a PDB from two replicas on, CPU
 * autoscaling when enabled. They alone serve the gateway, WebSocket and WebSub hosts.
 */
export function renderGateway(env: ResolvedEnvironment, wso2: ResolvedWso2): KubeObject[] {
  const gw = wso2.gateway;
  const component = componentOf(env, gw.id);
  const pdb = podDisruptionBudget(component, gw.replicas, 1);
  return [
    ...renderWso2Workload({
      env,
      wso2,
      resolved: gw,
      component,
      toml: gatewayToml(wso2),
      containerPorts: wso2ContainerPorts.gateway,
      servicePorts: wso2ServicePorts.gateway,
      readinessPath: startupHealthcheckPath,
    }),
    ...(pdb ? [pdb] : []),
    ...(gw.autoscaling ? [cpuAutoscaler(component, gw.autoscaling.minReplicas, gw.autoscaling.maxReplicas, gw.autoscaling.targetCpuPercent)] : []),
    ...wso2Ingresses(env, wso2, component),
  ];
}
