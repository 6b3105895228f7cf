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

/**
 * Annotation on the Application of a production environment (`production: true`). The committed
 * Application keeps the fact after the environment's folder is gone, so a render can refuse to
 * delete a production environment by accident.
 */
export const productionAnnotation = 'apim-gitops.io/production';

/**
 * Environment names that would collide with what the Argo CD manifests and the layout use: `root`
 * (its Application would be the app of apps, `apim-root`), `bootstrap` (the root's project
 * `apim-bootstrap`) and `base` (the bases are the environment "base").
 */
export const reservedEnvironmentNames: readonly string[] = ['base', 'bootstrap', 'root'];
