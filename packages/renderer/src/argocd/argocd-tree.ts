import type { ResolvedGitOps } from '@apim-gitops/models';
import { toYamlFile } from '../canonical-yaml';
import type { Json, KubeObject } from '../kube-object';
import { toPlain } from '../kube-object';
import type { FileTree } from '../layout';
import { generatedMark, objectFileName } from '../layout';
import { validateObjects } from '../object-rules';
import { RenderError } from '../render-error';
import { screenSecrets } from '../secret-screen';
import { renderEnvironmentProject, renderRestrictedDefaultProject, renderRootProject } from './app-project';
import { renderEnvironmentApplication, renderRootApplication } from './application';
import type { ArgoCdFacts } from './argocd-facts';
import { argoCdFacts } from './argocd-facts';
import { argocdBootstrapDir, argocdManifestsDir } from './names';
import { projectRefusal } from './project-permits';
import { gitOpsSource } from './names';
import { checkRenderedKinds, checkWhitelistScopes } from './resource-kinds';

/** One environment as Argo CD needs it: its names and its rendered objects (or their facts). */
export interface ArgoCdEnvironment {
  readonly name: string;
  readonly namespace: string;
  readonly objects?: readonly Json[];
  /** Read instead of `objects` when given (a parallel render returns facts, not objects). */
  readonly facts?: ArgoCdFacts;
}

function factsOf(env: ArgoCdEnvironment): ArgoCdFacts {
  return env.facts ?? argoCdFacts(env.objects ?? []);
}

const manifestsHeader = `${generatedMark} from ${gitOpsSource} and the environments. Do not edit; change the TypeScript and re-render.\n`;
const bootstrapHeader =
  `${generatedMark} from ${gitOpsSource} and the environments. Do not edit; change the TypeScript and re-render.\n` +
  `# Not synced by Argo CD: an administrator applies this folder with "kubectl apply -k ${argocdBootstrapDir}".\n`;

/** A folder of one object per file and the kustomization that lists them. */
function folder(dir: string, header: string, objects: readonly KubeObject[]): FileTree {
  const files: FileTree = new Map();
  for (const object of objects) files.set(`${dir}/${objectFileName(toPlain(object))}`, toYamlFile(header, [toPlain(object)]));
  const resources = [...files.keys()].map((path) => path.slice(dir.length + 1)).sort();
  files.set(`${dir}/kustomization.yaml`, toYamlFile(header, [{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources }]));
  return files;
}

/** Throws once for every environment whose rendered kinds the projects do not allow. */
function checkEnvironmentKinds(gitops: ResolvedGitOps, environments: readonly ArgoCdEnvironment[]): void {
  const failures: Error[] = [];
  for (const env of environments) {
    try {
      checkRenderedKinds(gitops, env.name, factsOf(env));
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (failures.length === 1) throw failures[0]!;
  if (failures.length > 1) throw new Error(failures.map((f) => f.message).join('\n'));
}

/**
 * Every Argo CD object, validated, in two folders:
 * - `apps/argocd/bootstrap/`: one AppProject per environment, the root Application and its
 *   project (and the stripped `default` project when asked for). An administrator applies it;
 *   nothing syncs it, so no commit reaches a project without that reviewed step.
 * - `apps/argocd/manifests/`: one Application per environment (derived from the environment list,
 *   so adding an environment folder adds its Application), synced by the root Application.
 * Fails, naming the object, when an environment renders a kind its project would refuse.
 */
export function renderArgoCdTree(gitops: ResolvedGitOps, environments: readonly ArgoCdEnvironment[]): FileTree {
  checkWhitelistScopes(gitops);
  const sorted = [...environments].sort((a, b) => (a.name < b.name ? -1 : 1));
  checkEnvironmentKinds(gitops, sorted);

  const projects = sorted.map((env) =>
    renderEnvironmentProject(gitops, { name: env.name, server: gitops.clusters.get(env.name) ?? gitops.inCluster, namespace: env.namespace }),
  );
  const applications = sorted.map((env) => renderEnvironmentApplication(gitops, env, factsOf(env).scaledReplicas));
  const rootProject = renderRootProject(gitops);
  const bootstrap: KubeObject[] = [
    ...projects,
    rootProject,
    renderRootApplication(gitops),
    ...(gitops.restrictDefaultProject ? [renderRestrictedDefaultProject(gitops)] : []),
  ];
  // Every string of every Argo CD object is screened for secret values too, before anything is written.
  const secrets = screenSecrets(validateObjects(gitOpsSource, [...bootstrap, ...applications]));
  if (secrets.length > 0) throw new RenderError(gitOpsSource, secrets);

  // What the root Application syncs must be what its project allows; a refusal here is a bug.
  const rootTarget = { repoURL: gitops.repoURL, server: gitops.inCluster, namespace: gitops.namespace };
  for (const application of applications) {
    const refusal = projectRefusal(toPlain(rootProject) as never, rootTarget, toPlain(application));
    if (refusal) throw new Error(`unreachable: the root project refuses ${application.metadata?.name}: ${refusal}`);
  }

  return new Map([...folder(argocdBootstrapDir, bootstrapHeader, bootstrap), ...folder(argocdManifestsDir, manifestsHeader, applications)]);
}
