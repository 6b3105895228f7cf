import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';

/** Every object of the WSO2 stack. Filled in by the WSO2 stack. */
export function renderWso2(_env: ResolvedEnvironment): KubeObject[] {
  return [];
}
