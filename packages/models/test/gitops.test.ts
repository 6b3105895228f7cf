import { describe, expect, it } from 'vitest';
import { gitOpsDefaults, resolveGitOps, SpecError } from '../src/index';

const source = 'apps/argocd/gitops.ts';
const repoURL = 'https://git.example.org/platform/apim-gitops.git';

describe('GitOps settings', () => {
  it('applies the defaults under the user\'s values', () => {
    const gitops = resolveGitOps({ repoURL, targetRevision: 'release', syncPolicy: { retry: { limit: 2 } } }, source, ['dev', 'prod']);
    expect(gitops.targetRevision).toBe('release');
    expect(gitops.namespace).toBe(gitOpsDefaults.namespace);
    expect(gitops.syncPolicy.retry).toEqual({ limit: 2, backoff: gitOpsDefaults.syncPolicy.retry.backoff });
    expect([...gitops.clusters]).toEqual([['dev', 'https://kubernetes.default.svc'], ['prod', 'https://kubernetes.default.svc']]);
  });

  it('accepts an SSH repository URL and a cluster per environment', () => {
    const gitops = resolveGitOps({ repoURL: 'git@git.example.org:platform/apim-gitops.git', clusters: { prod: 'https://prod.example.org:6443' } }, source, ['dev', 'prod']);
    expect(gitops.clusters.get('prod')).toBe('https://prod.example.org:6443');
  });

  it.each([
    [{ repoURL: 'git.example.org/x' }, 'repoURL: "git.example.org/x" is not a Git URL Argo CD can clone'],
    [{ repoURL, clusters: { stage: 'https://s:6443' } }, 'clusters.stage: names no environment (environments: dev, prod); remove it or add environments/stage'],
    [{ repoURL, clusters: { prod: 'prod-cluster' } }, 'clusters.prod: "prod-cluster" is not a cluster API server URL'],
    [{ repoURL, namespace: 'Argo CD' }, 'namespace: "Argo CD" is not a valid DNS name (no spaces allowed)'],
    [{ repoURL, syncPolicy: { retry: { limit: -1 } } }, 'syncPolicy.retry.limit: must be at least 0 (got -1)'],
    [{ repoURL, syncPolicy: { retry: { backoff: { duration: '5 minutes' } } } }, 'syncPolicy.retry.backoff.duration: "5 minutes" is not a duration such as "30s", "2m" or "1h"'],
    [{ repoURL, syncPolicy: { selfheal: true } }, 'syncPolicy.selfheal: is not a known field (did you mean "selfHeal"?)'],
  ])('reports %j with its field path', (spec, message) => {
    expect(() => resolveGitOps(spec, source, ['dev', 'prod'])).toThrow(SpecError);
    expect(() => resolveGitOps(spec, source, ['dev', 'prod'])).toThrow(`${source}: ${message}`);
  });
});
