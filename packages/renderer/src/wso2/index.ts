import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';
import { renderControlPlane } from './control-plane';
import { renderGateway } from './gateway';
import { renderKeyManager } from './key-manager';
import { renderSchemaJob } from './schema-job';

/** Every object of the WSO2 stack: control plane, key managers, gateways and the optional schema Job. */
export function renderWso2(env: ResolvedEnvironment): KubeObject[] {
  const wso2 = env.wso2;
  if (!wso2) return [];
  return [...renderControlPlane(env, wso2), ...renderKeyManager(env, wso2), ...renderGateway(env, wso2), ...renderSchemaJob(env, wso2)];
}
