import { describe, expect, it } from 'vitest';
import { resolveGitOps, SpecError } from '../src/index';

const source = 'apps/argocd/gitops.ts';
const repoURL = 'https://git.example.org/platform/apim-gitops.git';
const namespacedKinds = [
  { group: 'apps', kind: 'Deployment' },
  { group: '', kind: 'Service' },
];

describe('GitOps settings', () => {
  it("applies the defaults under the user's values", () => {
    const gitops = resolveGitOps({ repoURL, namespacedKinds, targetRevision: 'release', syncPolicy: { retry: { limit: 2 } } }, source, ['dev', 'prod']);
    expect(gitops.targetRevision).toBe('release');
    // The defaults are the @default tags of GitOpsSpec, through the generated schema.
    expect(gitops.namespace).toBe('argocd');
    expect(gitops.syncPolicy.retry).toEqual({ limit: 2, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
    expect([...gitops.clusters]).toEqual([
      ['dev', 'https://kubernetes.default.svc'],
      ['prod', 'https://kubernetes.default.svc'],
    ]);
  });

  it('accepts an SSH repository URL and a cluster per environment', () => {
    const gitops = resolveGitOps(
      { repoURL: 'git@git.example.org:platform/apim-gitops.git', namespacedKinds, clusters: { prod: 'https://prod.example.org:6443' } },
      source,
      ['dev', 'prod'],
    );
    expect(gitops.clusters.get('prod')).toBe('https://prod.example.org:6443');
  });

  it('gives an environment its own revision and sync windows, the others the repository revision and none', () => {
    const window = { kind: 'deny', schedule: '0 18 * * 5', duration: '62h', manualSync: true } as const;
    const gitops = resolveGitOps({ repoURL, namespacedKinds, environments: { prod: { targetRevision: 'release/prod', syncWindows: [window] } } }, source, [
      'dev',
      'prod',
    ]);
    expect(gitops.environments.get('prod')).toEqual({ targetRevision: 'release/prod', syncWindows: [{ ...window, timeZone: 'UTC' }] });
    expect(gitops.environments.get('dev')).toEqual({ targetRevision: 'main', syncWindows: [] });
  });

  it('sorts the kind whitelist, so its order in gitops.ts does not matter', () => {
    expect(resolveGitOps({ repoURL, namespacedKinds }, source, []).namespacedKinds).toEqual([namespacedKinds[0], namespacedKinds[1]]);
    expect(resolveGitOps({ repoURL, namespacedKinds: [...namespacedKinds].reverse() }, source, []).namespacedKinds).toEqual([
      namespacedKinds[0],
      namespacedKinds[1],
    ]);
  });

  it.each([
    [
      { repoURL, namespacedKinds: undefined },
      'namespacedKinds: is required (a list, e.g. [{"group":"apps","kind":"Deployment"},{"group":"","kind":"Service"}])',
    ],
    [{ repoURL, namespacedKinds: [] }, 'namespacedKinds: must list at least one kind: an empty whitelist would let Argo CD create every namespaced kind'],
    [{ repoURL, namespacedKinds: [{ group: '*', kind: 'Role' }] }, 'namespacedKinds[0].group: "*" is a wildcard; name the group'],
    [{ repoURL, namespacedKinds: [{ group: '', kind: '*' }] }, 'namespacedKinds[0].kind: "*" is not a kind such as "Deployment" (no wildcards)'],
    [
      { repoURL, namespacedKinds: [{ group: 'argoproj.io', kind: 'Application' }] },
      "namespacedKinds[0].group: is Argo CD's own group: an environment must not create Applications or projects",
    ],
    [
      {
        repoURL,
        namespacedKinds: [
          { group: 'apps', kind: 'Deployment' },
          { group: 'apps', kind: 'Deployment' },
        ],
      },
      'namespacedKinds[1]: lists "apps" "Deployment" twice',
    ],
    [{ repoURL, environments: { stage: {} } }, 'environments.stage: names no environment (environments: dev, prod); remove it or add environments/stage'],
    [
      { repoURL, environments: { prod: { targetRevision: 'release prod' } } },
      'environments.prod.targetRevision: "release prod" is not a branch or tag name such as "release/prod"',
    ],
    [
      { repoURL, environments: { prod: { syncWindows: [{ kind: 'deny', schedule: 'fridays', duration: '1h' }] } } },
      'environments.prod.syncWindows[0].schedule: "fridays" is not a cron schedule of five fields',
    ],
    [
      { repoURL, environments: { prod: { syncWindows: [{ kind: 'block', schedule: '0 18 * * 5', duration: '2 days' }] } } },
      'environments.prod.syncWindows[0].kind: must be one of "allow", "deny" (got "block")',
    ],
    [
      { repoURL, environments: { prod: { syncWindows: [{ kind: 'deny', schedule: '0 18 * * 5', duration: '2 days' }] } } },
      'environments.prod.syncWindows[0].duration: "2 days" is not a duration such as "30s", "2m" or "1h"',
    ],
    [
      { repoURL, syncImpersonation: { serviceAccount: 'Deployer' } },
      'syncImpersonation.serviceAccount: "Deployer" is not a valid DNS name (use lower case: "deployer")',
    ],
    [{ repoURL: 'git.example.org/x' }, 'repoURL: "git.example.org/x" is not a Git URL Argo CD can clone'],
    [{ repoURL, clusters: { stage: 'https://s:6443' } }, 'clusters.stage: names no environment (environments: dev, prod); remove it or add environments/stage'],
    [{ repoURL, clusters: { prod: 'prod-cluster' } }, 'clusters.prod: "prod-cluster" is not a cluster API server URL'],
    [{ repoURL, namespace: 'Argo CD' }, 'namespace: "Argo CD" is not a valid DNS name (no spaces allowed)'],
    [{ repoURL, syncPolicy: { retry: { limit: -1 } } }, 'syncPolicy.retry.limit: must be at least 0 (got -1)'],
    [
      { repoURL, syncPolicy: { retry: { backoff: { duration: '5 minutes' } } } },
      'syncPolicy.retry.backoff.duration: "5 minutes" is not a duration such as "30s", "2m" or "1h"',
    ],
    [{ repoURL, syncPolicy: { selfheal: true } }, 'syncPolicy.selfheal: is not a known field (did you mean "selfHeal"?)'],
  ])('reports %j with its field path', (spec, message) => {
    const full = { namespacedKinds, ...spec };
    expect(() => resolveGitOps(full, source, ['dev', 'prod'])).toThrow(SpecError);
    expect(() => resolveGitOps(full, source, ['dev', 'prod'])).toThrow(`${source}: ${message}`);
  });
});
