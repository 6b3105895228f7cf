import type { ResolvedGitOps } from '@apim-gitops/models';
import { toYamlFile } from '../canonical-yaml';
import type { Json, KubeObject } from '../kube-object';
import { toPlain } from '../kube-object';
import type { FileTree } from '../layout';
import { generatedMark, objectFileName } from '../layout';
import { validateObjects } from '../object-rules';
import { RenderError } from '../render-error';
import { screenSecrets } from '../secret-screen';
import { renderAppProject, renderBootstrapProject } from './app-project';
import { renderEnvironmentApplication, renderRootApplication } from './application';
import type { ArgoCdFacts } from './argocd-facts';
import { argoCdFacts } from './argocd-facts';
import { argocdManifestsDir } from './names';
import { renderedKinds } from './resource-kinds';

/** Where the GitOps settings live, for headers and messages. */
export const gitOpsSource = 'apps/argocd/gitops.ts';

/** The file a user applies once; it holds the root Application and the project it needs. */
export const rootManifest = `${argocdManifestsDir}/root.yaml`;

/** One environment as Argo CD needs it: its names and its rendered objects (or their facts). */
export interface ArgoCdEnvironment {
  readonly name: string;
  readonly namespace: string;
  /** A production environment's Application carries the production annotation. */
  readonly production?: boolean;
  readonly objects?: readonly Json[];
  /** Read instead of `objects` when given (a parallel render returns facts, not objects). */
  readonly facts?: ArgoCdFacts;
}

function factsOf(env: ArgoCdEnvironment): ArgoCdFacts {
  return env.facts ?? argoCdFacts(env.objects ?? []);
}

const header = `${generatedMark} from ${gitOpsSource} and the environments. Do not edit; change the TypeScript and re-render.\n`;

/**
 * Every Argo CD object, validated: the environments' AppProject, one Application per environment
 * (derived from the environment list, so adding an environment folder adds its Application),
 * and the root app of apps. Laid out in `apps/argocd/manifests/` with a kustomization.
 */
export function renderArgoCdTree(gitops: ResolvedGitOps, environments: readonly ArgoCdEnvironment[]): FileTree {
  const sorted = [...environments].sort((a, b) => (a.name < b.name ? -1 : 1));
  const project = renderAppProject(
    gitops,
    sorted.map((env) => ({ server: gitops.clusters.get(env.name) ?? gitops.inCluster, namespace: env.namespace })),
    renderedKinds(sorted.flatMap((env) => factsOf(env).resourceTypes as unknown as Json[])),
  );
  const applications = sorted.map((env) => renderEnvironmentApplication(gitops, env, factsOf(env).scaledReplicas));
  const root: KubeObject[] = [renderBootstrapProject(gitops), renderRootApplication(gitops)];
  const secrets = screenSecrets(validateObjects(gitOpsSource, [project, ...applications, ...root]));
  if (secrets.length > 0) throw new RenderError(gitOpsSource, secrets);

  const files: FileTree = new Map();
  // One object per file, like deploy/; root.yaml is the exception so that bootstrap is one `kubectl apply -f`.
  for (const object of [project, ...applications]) files.set(`${argocdManifestsDir}/${objectFileName(toPlain(object))}`, toYamlFile(header, [toPlain(object)]));
  files.set(rootManifest, toYamlFile(header, root.map(toPlain)));
  const resources = [...files.keys()].map((path) => path.slice(argocdManifestsDir.length + 1)).sort();
  files.set(
    `${argocdManifestsDir}/kustomization.yaml`,
    toYamlFile(header, [{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources }]),
  );
  return files;
}
