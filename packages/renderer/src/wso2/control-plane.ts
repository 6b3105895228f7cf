import type { ResolvedEnvironment, ResolvedWso2 } from '@apim-gitops/models';
import { wso2ContainerPorts, wso2ServicePorts } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';
import { controlPlaneToml } from './deployment-toml';
import { wso2Ingresses } from './ingresses';
import { componentOf } from './component-of';
import { renderWso2Workload, startupHealthcheckPath } from './workload';

/**
 * The All-in-One control plane: one pod, `Recreate`, no PDB (on one replica it would block every
 * node drain) and no HPA. It serves the management host.
 */
export function renderControlPlane(env: ResolvedEnvironment, wso2: ResolvedWso2): KubeObject[] {
  const component = componentOf(env, wso2.controlPlane.id);
  return [
    ...renderWso2Workload({
      env,
      wso2,
      resolved: wso2.controlPlane,
      component,
      toml: controlPlaneToml(wso2),
      containerPorts: wso2ContainerPorts.controlPlane,
      servicePorts: wso2ServicePorts.controlPlane,
      readinessPath: startupHealthcheckPath,
    }),
    ...wso2Ingresses(env, wso2, component),
  ];
}
