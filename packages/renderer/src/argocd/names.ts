/** Name of the Argo CD Application of one environment (documented on `EnvironmentSpec.name`). */
export function applicationName(environment: string): string {
  return `apim-${environment}`;
}

/** The app of apps: applied by an administrator with the bootstrap, it syncs `apps/argocd/manifests`. */
export const rootApplicationName = 'apim-root';

/** The AppProject of one environment's Application: `<prefix>-<env>` (`GitOpsSpec.project` is the prefix). */
export function projectName(prefix: string, environment: string): string {
  return `${prefix}-${environment}`;
}

/** The AppProject of the root Application: it may create Applications in Argo CD's namespace and nothing else. */
export function rootProjectName(prefix: string): string {
  return `${prefix}-root`;
}

/** Argo CD's built-in project, which the bootstrap can strip of every permission. */
export const defaultProjectName = 'default';

/** Folder of the Applications the root Application syncs (its source path). */
export const argocdManifestsDir = 'apps/argocd/manifests';

/**
 * Folder an administrator applies by hand (`kubectl apply -k`): the AppProjects and the root
 * Application. No Application syncs it, so no commit can change a project without that step.
 */
export const argocdBootstrapDir = 'apps/argocd/bootstrap';

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

/** Where the GitOps settings live, for headers and messages. */
export const gitOpsSource = 'apps/argocd/gitops.ts';
