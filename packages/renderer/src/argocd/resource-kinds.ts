import type { ResolvedGitOps } from '@apim-gitops/models';
import { SpecError } from '@apim-gitops/models';
import { clusterScopedKinds } from '../kube-object';
import type { ObjectIssue } from '../render-error';
import { RenderError } from '../render-error';
import type { ArgoCdFacts } from './argocd-facts';
import { gitOpsSource } from './names';

/** An API group and kind, as AppProject whitelists name them (`''` is the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → `''`). */
export function apiGroup(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
}

/** A group and kind as a reader writes it into gitops.ts. */
function asSpec(kind: GroupKind): string {
  return `{ group: '${kind.group}', kind: '${kind.kind}' }`;
}

/**
 * Refuses a `namespacedKinds` entry that is in fact cluster-scoped: the projects must not allow
 * any cluster-scoped kind beyond the Namespace that `CreateNamespace=true` makes.
 */
export function checkWhitelistScopes(gitops: ResolvedGitOps): void {
  const issues = gitops.namespacedKinds
    .filter((k) => clusterScopedKinds.has(k.kind))
    .map((k) => ({
      path: 'namespacedKinds',
      message: `${asSpec(k)} is cluster-scoped; the environments' projects allow no cluster-scoped kind (the Namespace comes from CreateNamespace=true), so remove it`,
    }));
  if (issues.length > 0) throw new SpecError(gitOpsSource, issues);
}

/**
 * Checks that every kind an environment renders is one the projects allow: namespaced and in
 * `namespacedKinds`. Throws a RenderError naming each offending kind, the first object of that
 * kind, and where the platform team would add it, instead of letting the project grow by itself.
 */
export function checkRenderedKinds(gitops: ResolvedGitOps, environment: string, facts: ArgoCdFacts): void {
  const allowed = new Set(gitops.namespacedKinds.map((k) => `${k.group}|${k.kind}`));
  const issues: ObjectIssue[] = [];
  for (const type of facts.resourceTypes) {
    const kind = { group: apiGroup(type.apiVersion), kind: type.kind };
    const object = `${type.kind}/${type.example}`;
    if (clusterScopedKinds.has(type.kind))
      issues.push({
        object,
        path: 'kind',
        message: `${type.kind} is cluster-scoped: the environments' projects allow no cluster-scoped kind (Argo CD makes the Namespace itself, from CreateNamespace=true); render namespaced objects only`,
      });
    else if (!allowed.has(`${kind.group}|${kind.kind}`))
      issues.push({
        object,
        path: 'kind',
        message: `${kind.group || 'core'}/${kind.kind} is not in the environments' projects' whitelist: add ${asSpec(kind)} to namespacedKinds in ${gitOpsSource} (the platform team approves it) rather than widening a project by hand`,
      });
  }
  if (issues.length > 0) throw new RenderError(environment, issues);
}
