import type { ResolvedEnvironment, ResolvedWso2 } from '@apim-gitops/models';
import { wso2ContainerPorts, wso2ServicePorts } from '@apim-gitops/models';
import { podDisruptionBudget } from '../common/disruption';
import type { KubeObject } from '../kube-object';
import { componentOf } from './component-of';
import { keyManagerToml } from './deployment-toml';
import { wso2Ingresses } from './ingresses';
import { jwksPath, renderWso2Workload } from './workload';

/** The key managers (ACP image, `key-manager` profile): rolling, a PDB from two replicas on. */
export function renderKeyManager(env: ResolvedEnvironment, wso2: ResolvedWso2): KubeObject[] {
  const component = componentOf(env, wso2.keyManager.id);
  const pdb = podDisruptionBudget(component, wso2.keyManager.replicas, 1);
  return [
    ...renderWso2Workload({
      env,
      wso2,
      resolved: wso2.keyManager,
      component,
      toml: keyManagerToml(wso2),
      containerPorts: wso2ContainerPorts.keyManager,
      servicePorts: wso2ServicePorts.keyManager,
      readinessPath: jwksPath,
    }),
    ...(pdb ? [pdb] : []),
    ...wso2Ingresses(env, wso2, component),
  ];
}
