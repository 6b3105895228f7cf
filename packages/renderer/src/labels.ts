import type { ResolvedComponent } from '@apim-gitops/models';

/** Value of `app.kubernetes.io/managed-by` on everything this repository renders. */
export const managedBy = 'apim-gitops';

/** Value of `app.kubernetes.io/part-of` per stack; the layout files objects by it. */
export const partOf = { wso2: 'wso2-apim', axway: 'axway-apim', platform: 'apim-platform' } as const;

/** Labels that never change for a component; Services, PDBs, HPAs and policies select by these. */
export function selectorLabels(component: ResolvedComponent): Record<string, string> {
  return {
    'app.kubernetes.io/name': component.app,
    'app.kubernetes.io/instance': component.id,
    'app.kubernetes.io/component': component.component,
  };
}

/** Kubernetes recommended labels for every object of a component. */
export function componentLabels(component: ResolvedComponent): Record<string, string> {
  return {
    ...selectorLabels(component),
    'app.kubernetes.io/part-of': partOf[component.stack],
    'app.kubernetes.io/managed-by': managedBy,
  };
}

/** Recommended labels for environment-wide objects (Secrets, default NetworkPolicies). */
export function platformLabels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': partOf.platform,
    'app.kubernetes.io/managed-by': managedBy,
  };
}
