import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec, ResolvedEnvironment } from '../src/index';
import { baseEnvironmentSpec, checkEnvironmentBoundaries, resolveEnvironment, resolveGitOps } from '../src/index';

const names = ['dev', 'prod'];
const gitops = resolveGitOps(
  { repoURL: 'https://git.example.org/platform/apim-gitops.git', namespacedKinds: [{ group: 'apps', kind: 'Deployment' }] },
  'apps/argocd/gitops.ts',
  names,
);
const store = (name: string) => ({ provider: 'external-secrets' as const, store: { kind: 'ClusterSecretStore' as const, name } });

/** An environment like the repository's, with `changes` on top. */
function environment(name: string, changes: Partial<EnvironmentSpec> = {}): ResolvedEnvironment {
  const { namespace: _namespace, ...spec } = baseEnvironmentSpec;
  // Production verifies its databases, so its mysql clients need the CAs.
  const ca = { ca: { secretRef: 'db-ca' } };
  const verified: Partial<EnvironmentSpec> = changes.production
    ? {
        wso2: { ...spec.wso2!, databases: { apim: { ...spec.wso2!.databases.apim, tls: ca }, shared: { ...spec.wso2!.databases.shared, tls: ca } } },
        axway: { ...spec.axway!, metricsDb: { ...spec.axway!.metricsDb, tls: ca } },
      }
    : {};
  return resolveEnvironment(
    { ...spec, ...verified, name, domain: `${name}.example.org`, secrets: store(`vault-${name}`), ...changes },
    `environments/${name}/environment.ts`,
  );
}

/** The messages of every boundary error, one line per issue as the CLI prints them. */
function refusals(...envs: ResolvedEnvironment[]): string[] {
  return checkEnvironmentBoundaries(envs, gitops, names).flatMap((e) => e.message.split('\n'));
}

describe('environment boundaries', () => {
  it('accepts the environments as the repository has them', () => {
    expect(refusals(environment('dev'), environment('prod', { production: true }))).toEqual([]);
  });

  it.each([
    [
      'kube-system',
      `environments/dev/environment.ts: namespace: "kube-system" is reserved for Kubernetes' own components (kube-*); leave namespace out (it defaults to "apim-dev") or choose a name matching "apim-*"`,
    ],
    [
      'argocd',
      `environments/dev/environment.ts: namespace: "argocd" is Argo CD's own namespace (apps/argocd/gitops.ts: namespace): objects synced there could rewrite Argo CD's Applications and projects; leave namespace out (it defaults to "apim-dev") or choose a name matching "apim-*"`,
    ],
    [
      'default',
      `environments/dev/environment.ts: namespace: "default" is the cluster's shared namespace, not one the platform can give to an environment; leave namespace out (it defaults to "apim-dev") or choose a name matching "apim-*"`,
    ],
    [
      'payments',
      `environments/dev/environment.ts: namespace: "payments" does not match "apim-*", the only namespaces the environments' projects are made for; leave namespace out (it defaults to "apim-dev") or choose a name matching "apim-*"`,
    ],
  ])('refuses the namespace %s at the namespace field', (namespace, message) => {
    expect(refusals(environment('dev', { namespace }))).toEqual([message]);
  });

  it("refuses Argo CD's namespace even when it matches apim-*", () => {
    const own = resolveGitOps(
      { repoURL: 'https://git.example.org/x.git', namespace: 'apim-argocd', namespacedKinds: [{ group: 'apps', kind: 'Deployment' }] },
      'apps/argocd/gitops.ts',
      names,
    );
    expect(checkEnvironmentBoundaries([environment('dev', { namespace: 'apim-argocd' })], own, names)[0]!.issues.map((i) => i.path)).toEqual(['namespace']);
  });

  it("refuses a dev environment that names prod's store", () => {
    expect(refusals(environment('dev', { secrets: store('vault-prod') }))).toEqual([
      'environments/dev/environment.ts: secrets.store.name: "vault-prod" is named for environment prod: dev may read only its own store (e.g. "vault-dev")',
    ]);
  });

  it('refuses a dev environment that reads prod/ remote keys', () => {
    const secrets = { ...store('vault-dev'), remoteKeys: { 'wso2-apim-db': 'prod/wso2-apim-db' } };
    expect(refusals(environment('dev', { secrets }))).toEqual([
      `environments/dev/environment.ts: secrets.remoteKeys.wso2-apim-db: "prod/wso2-apim-db" is outside dev's part of the store: remote keys must start with "dev/" so that dev reads only its own secrets (e.g. "dev/wso2-apim-db")`,
    ]);
  });

  it("refuses a non-production environment that shares a production environment's store", () => {
    const shared = store('vault');
    expect(refusals(environment('dev', { secrets: shared }), environment('prod', { production: true, secrets: shared }))).toEqual([
      'environments/dev/environment.ts: secrets.store.name: "vault" is the store of production environment prod; a non-production environment must use a store of its own',
    ]);
  });

  it('refuses two environments in one namespace of one cluster', () => {
    expect(refusals(environment('dev', { namespace: 'apim-shared' }), environment('prod', { production: true, namespace: 'apim-shared' }))).toEqual([
      `environments/prod/environment.ts: namespace: "apim-shared" on https://kubernetes.default.svc is also dev's namespace: each environment's Application would prune the other's objects; give each environment its own`,
    ]);
  });

  it('keeps the name root for the root Application', () => {
    expect(checkEnvironmentBoundaries([environment('root')], gitops, [...names, 'root'])[0]!.issues.map((i) => i.path)).toEqual(['name']);
  });

  it("accepts a store that carries the environment's own name beside another's (prod-eu beside prod)", () => {
    const both = ['prod', 'prod-eu'];
    const g = resolveGitOps(
      { repoURL: 'https://git.example.org/x.git', namespacedKinds: [{ group: 'apps', kind: 'Deployment' }] },
      'apps/argocd/gitops.ts',
      both,
    );
    expect(checkEnvironmentBoundaries([environment('prod-eu', { production: true })], g, both)).toEqual([]);
  });

  describe('a standby (standbyFor)', () => {
    const both = ['prod', 'prod-eu-west'];
    const settings = (clusters: Record<string, string>) =>
      resolveGitOps(
        { repoURL: 'https://git.example.org/x.git', namespacedKinds: [{ group: 'apps', kind: 'Deployment' }], clusters },
        'apps/argocd/gitops.ts',
        both,
      );
    const standby = (standbyFor: string) => environment('prod-eu-west', { production: true, namespace: 'apim-prod', standbyFor });
    const primary = environment('prod', { production: true });
    const lines = (g: ReturnType<typeof settings>, ...envs: ResolvedEnvironment[]) =>
      checkEnvironmentBoundaries(envs, g, both).flatMap((e) => e.message.split('\n'));

    it("shares its primary's namespace on another cluster", () => {
      expect(lines(settings({ 'prod-eu-west': 'https://eu-west.example.org:6443' }), primary, standby('prod'))).toEqual([]);
    });

    it("is refused on its primary's cluster, where it would fail with it (and prune its objects)", () => {
      expect(lines(settings({}), primary, standby('prod'))).toEqual([
        'environments/prod-eu-west/environment.ts: standbyFor: "prod" runs on the same cluster (https://kubernetes.default.svc): a standby on its primary\'s cluster fails with it; give prod-eu-west a cluster of its own (apps/argocd/gitops.ts: clusters.prod-eu-west)',
        "environments/prod-eu-west/environment.ts: namespace: \"apim-prod\" on https://kubernetes.default.svc is also prod's namespace: each environment's Application would prune the other's objects; give each environment its own",
      ]);
    });

    it.each([
      ['qa', '"qa" names no environment (environments: prod, prod-eu-west)'],
      ['prod-eu-west', '"prod-eu-west" is this environment itself: a standby stands by for another environment'],
    ])('naming %s is refused at standbyFor', (name, message) => {
      const g = settings({ 'prod-eu-west': 'https://eu-west.example.org:6443' });
      expect(lines(g, standby(name))).toEqual([`environments/prod-eu-west/environment.ts: standbyFor: ${message}`]);
    });
  });
});
