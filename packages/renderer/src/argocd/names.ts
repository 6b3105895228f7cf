/** Name of the Argo CD Application of one environment (documented on `EnvironmentSpec.name`). */
export function applicationName(environment: string): string {
  return `apim-${environment}`;
}

/** The app of apps: the one Application a user applies by hand; it syncs `apps/argocd/manifests`. */
export const rootApplicationName = 'apim-root';

/** The AppProject of the root Application: it may only manage Argo CD objects in Argo CD's namespace. */
export const bootstrapProjectName = 'apim-bootstrap';

/** Folder of the rendered Argo CD objects, the root Application's source path. */
export const argocdManifestsDir = 'apps/argocd/manifests';

/** Overlay an environment's Application syncs. */
export function overlayPath(environment: string): string {
  return `deploy/overlays/${environment}`;
}
