import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';

/** Every object of the Axway stack. Filled in by the Axway stack. */
export function renderAxway(_env: ResolvedEnvironment): KubeObject[] {
  return [];
}
