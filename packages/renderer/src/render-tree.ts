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

/**
 * Returns `files` with each text flattened in place. A file's YAML is built by concatenation, and V8
 * keeps a concatenated string as a tree of all its pieces until something reads it by character; a
 * render of many environments, holding every text until the one write, held about three times the
 * text itself that way (300 environments: 248 MB live after the render, 87 MB with flat texts). Reading
 * one character makes V8 flatten the string where it is, and the pieces become young garbage.
 */
function withFlatTexts(files: FileTree): FileTree {
  // Kept in a module variable: a read whose result nobody uses is one the optimiser may drop.
  for (const text of files.values()) if (text.length > 0) _flatteningSink ^= text.charCodeAt(text.length - 1);
  return files;
}
let _flatteningSink = 0;

/** The bases: the objects rendered from the models' defaults, and their files. */
export function renderBases(base: ResolvedEnvironment): { objects: Json[]; files: FileTree } {
  const objects = renderPlain(base);
  return { objects, files: withFlatTexts(layoutBases(objects)) };
}

/**
 * One environment's overlay against the base objects: its files (path → text) and what was
 * rendered. Throws the environment's RenderError, like every step it calls.
 */
export function renderOverlay(env: ResolvedEnvironment, baseObjects: readonly Json[]): { files: FileTree; rendered: RenderedEnvironment } {
  const objects = renderPlain(env);
  const plan = planOverlay(objects, baseObjects);
  return { files: withFlatTexts(layoutOverlay(env, plan)), rendered: { objects, plan, objectCount: objects.length, argoCd: argoCdFacts(objects) } };
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
