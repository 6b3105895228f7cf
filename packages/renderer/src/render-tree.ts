import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { ArgoCdFacts } from './argocd/argocd-facts';
import { argoCdFacts } from './argocd/argocd-facts';
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

/** What one render made of one environment. */
export interface RenderedEnvironment {
  /** Its objects (no namespace), in render order. */
  readonly objects: readonly Json[];
  /** What its overlay does to the bases. */
  readonly plan: OverlayPlan;
  /** How many objects it has (readable without `objects`). */
  readonly objectCount: number;
  /** What the Argo CD objects need to know about its objects. */
  readonly argoCd: ArgoCdFacts;
}

/** Everything one render produces. */
export interface RenderedTree {
  readonly files: FileTree;
  /** Per environment: its objects, what its overlay does to the bases, and facts about them. */
  readonly environments: ReadonlyMap<string, RenderedEnvironment>;
}

/** The bases: the objects rendered from the models' defaults, and their files. */
export function renderBases(base: ResolvedEnvironment): { objects: Json[]; files: FileTree } {
  const objects = renderPlain(base);
  return { objects, files: layoutBases(objects) };
}

/**
 * One environment's overlay against the base objects: its files (path → text) and what was
 * rendered. Throws the environment's RenderError, like every step it calls.
 */
export function renderOverlay(env: ResolvedEnvironment, baseObjects: readonly Json[]): { files: FileTree; rendered: RenderedEnvironment } {
  const objects = renderPlain(env);
  const plan = planOverlay(objects, baseObjects);
  return { files: layoutOverlay(env, plan), rendered: { objects, plan, objectCount: objects.length, argoCd: argoCdFacts(objects) } };
}

/** What a render keeps of one environment once its files are taken; by default all of it. */
export type KeepRendered = (env: ResolvedEnvironment, rendered: RenderedEnvironment, baseObjects: readonly Json[]) => RenderedEnvironment;

/**
 * Renders the bases from `base` and one overlay per environment, all in memory, in this thread.
 * `keep` lets a render of many environments hold less than every object and plan.
 */
export function renderTree(
  base: ResolvedEnvironment,
  environments: readonly ResolvedEnvironment[],
  keep: KeepRendered = (_env, rendered) => rendered,
): RenderedTree {
  const bases = renderBases(base);
  const files = bases.files;
  const rendered = new Map<string, RenderedEnvironment>();
  for (const env of environments) {
    const overlay = renderOverlay(env, bases.objects);
    for (const [path, text] of overlay.files) files.set(path, text);
    rendered.set(env.name, keep(env, overlay.rendered, bases.objects));
  }
  return { files, environments: rendered };
}
