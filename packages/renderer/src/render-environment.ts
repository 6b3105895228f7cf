import type { ResolvedEnvironment } from '@apim-gitops/models';
import { applySyncWaves } from './argocd/sync-waves';
import { renderAxway } from './axway/index';
import type { KubeObject } from './kube-object';
import { validateObjects } from './object-rules';
import { renderNetworkPolicies } from './platform/network-policies';
import { renderSecrets } from './platform/secrets';
import { renderWso2 } from './wso2/index';

/**
 * Every object of one environment, validated, without namespaces (the overlay sets them).
 * Pure: the same resolved environment always gives equal objects.
 */
export function renderEnvironment(env: ResolvedEnvironment): KubeObject[] {
  const objects = [...renderSecrets(env), ...(env.wso2 ? renderWso2(env) : []), ...(env.axway ? renderAxway(env) : [])];
  objects.push(...renderNetworkPolicies(env));
  // Argo CD ordering, derived from the components' dependsOn: one annotation, added in one place.
  const ordered = applySyncWaves(env, objects);
  validateObjects(env.name, ordered);
  return ordered;
}
