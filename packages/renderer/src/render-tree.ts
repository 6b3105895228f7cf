import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { Json } from './kube-object';
import { inNamespace } from './kube-object';
import type { FileTree, OverlayPlan } from './layout';
import { layoutBases, layoutOverlay, planOverlay } from './layout';
import { renderChecked } from './render-environment';

/** One environment's objects as plain JSON, without namespaces, in render order. */
export function renderPlain(env: ResolvedEnvironment): Json[] {
  return renderChecked(env).plain;
}

/** The objects `kubectl kustomize deploy/overlays/<env>` must produce: the rendered ones, namespaced. */
export function expectedObjects(env: ResolvedEnvironment, objects: readonly Json[] = renderPlain(env)): Json[] {
  return objects.map((o) => inNamespace(o, env.namespace));
}

/** Everything one render produces. */
export interface RenderedTree {
  readonly files: FileTree;
  /** Per environment: its objects (no namespace) and what its overlay does to the bases. */
  readonly environments: ReadonlyMap<string, { readonly objects: readonly Json[]; readonly plan: OverlayPlan }>;
}

/** Renders the bases from `base` and one overlay per environment, all in memory. */
export function renderTree(base: ResolvedEnvironment, environments: readonly ResolvedEnvironment[]): RenderedTree {
  const baseObjects = renderPlain(base);
  const files: FileTree = layoutBases(baseObjects);
  const rendered = new Map<string, { objects: Json[]; plan: OverlayPlan }>();
  for (const env of environments) {
    const objects = renderPlain(env);
    const plan = planOverlay(objects, baseObjects);
    for (const [path, text] of layoutOverlay(env, plan)) files.set(path, text);
    rendered.set(env.name, { objects, plan });
  }
  return { files, environments: rendered };
}
