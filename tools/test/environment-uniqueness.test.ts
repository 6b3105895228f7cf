import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentSpec, ResolvedEnvironment } from '@apim-gitops/models';
import { resolveEnvironment } from '@apim-gitops/models';
import { loadGitOps } from '../src/argocd/render-argocd';
import { uniquenessIssues } from '../src/environment-uniqueness';
import { loadAllResolved } from './support/environments';
import { repositoryRoot, runCli, tempRepo, treeHashes } from './temp-repository';

/** The repository's clusters (apps/argocd/gitops.ts), by environment; an environment a test adds goes to the default one. */
let clusters: ReadonlyMap<string, string>;
const repositoryCluster = (env: ResolvedEnvironment) => clusters.get(env.name) ?? 'https://kubernetes.default.svc';
const lines = (envs: readonly ResolvedEnvironment[]) => uniquenessIssues(envs, repositoryCluster).flatMap((e) => e.message.split('\n'));

describe('domains, namespaces and public hosts are unique across environments and stacks', () => {
  let repository: ResolvedEnvironment[];
  let devSpec: EnvironmentSpec;
  beforeAll(async () => {
    repository = await loadAllResolved();
    clusters = (await loadGitOps(repositoryRoot)).clusters;
    devSpec = ((await import(join(repositoryRoot, 'environments/dev/environment.ts'))) as { default: EnvironmentSpec }).default;
  });
  const variant = (name: string, change: (spec: EnvironmentSpec) => EnvironmentSpec) =>
    resolveEnvironment(change({ ...devSpec, name }), `environments/${name}/environment.ts`);

  it('the repository has no clash', () => {
    expect(lines(repository)).toEqual([]);
  });

  it('a second environment with the same domain clashes on the domain and on every host made from it', () => {
    const qa = variant('qa', (s) => s);
    expect(lines([...repository, qa])).toEqual([
      'environments/qa/environment.ts: domain: "dev.apim.example.org" is also the domain of environments/dev/environment.ts; every environment needs a domain of its own',
      ...['management: "am', 'gateway: "gw', 'websocket: "websocket', 'websub: "websub', 'keyManager: "km'].map(
        (h) =>
          `environments/qa/environment.ts: wso2.hostnames.${h}.dev.apim.example.org" is also the wso2.hostnames.${h.split(':')[0]} host of environments/dev/environment.ts; a public host belongs to one environment and one interface; set a host of its own`,
      ),
      ...(['adminNodeManager: "anm', 'apiManager: "apimgmt', 'traffic: "apimgr'] as const).map(
        (h) =>
          `environments/qa/environment.ts: axway.hosts.${h}.dev.apim.example.org" is also the axway.hosts.${h.split(':')[0]} host of environments/dev/environment.ts; a public host belongs to one environment and one interface; set a host of its own`,
      ),
    ]);
  });

  it('a namespace another environment uses on the same cluster clashes, naming its file', () => {
    const qa = variant('qa', (s) => ({ ...s, domain: 'qa.apim.example.org', namespace: 'apim-dev' }) as EnvironmentSpec);
    expect(lines([...repository, qa])).toEqual([
      'environments/qa/environment.ts: namespace: "apim-dev" is also the namespace of environments/dev/environment.ts; two environments in one namespace of one cluster would overwrite each other; set a namespace of its own, or put the environment on another cluster',
    ]);
  });

  it('the same namespace on two clusters is two namespaces', () => {
    const qa = variant('qa', (s) => ({ ...s, domain: 'qa.apim.example.org', namespace: 'apim-dev' }) as EnvironmentSpec);
    const clusterOf = (env: ResolvedEnvironment) => (env.name === 'qa' ? 'https://qa.example.org:6443' : repositoryCluster(env));
    expect(uniquenessIssues([...repository, qa], clusterOf)).toEqual([]);
  });

  it('prod and its standby share namespace, domain and hosts on two clusters, and nobody else may', () => {
    const standby = repository.find((e) => e.standbyFor === 'prod')!;
    expect(standby.domain).toBe(repository.find((e) => e.name === 'prod')!.domain);
    const clusterOf = (env: ResolvedEnvironment) => (env.name === standby.name ? 'eu-west' : 'in-cluster');
    expect(uniquenessIssues(repository, clusterOf)).toEqual([]);
    // Not a standby of prod: the same values on another cluster are still prod's domain and hosts.
    const impostor = variant('qa', (s) => ({ ...s, domain: 'apim.example.org' }));
    const refused = uniquenessIssues([...repository, impostor], (env) => (env.name === 'qa' ? 'elsewhere' : clusterOf(env)));
    expect(refused.flatMap((e) => e.issues.map((i) => i.path))[0]).toBe('domain');
    expect(refused[0]!.message).toContain('"apim.example.org" is also the domain of environments/prod/environment.ts');
  });

  it("one stack's host that is the other stack's host in the same environment clashes", () => {
    const qa = variant('qa', (s) => ({ ...s, domain: 'qa.apim.example.org', axway: { ...s.axway!, hosts: { traffic: 'gw.qa.apim.example.org' } } }));
    expect(lines([...repository, qa])).toEqual([
      'environments/qa/environment.ts: axway.hosts.traffic: "gw.qa.apim.example.org" is also the wso2.hostnames.gateway host of this environment; a public host belongs to one environment and one interface; set a host of its own',
    ]);
  });

  it("a host that is another environment's host clashes, whichever stack claims it", () => {
    const qa = variant('qa', (s) => ({ ...s, domain: 'qa.apim.example.org', axway: { ...s.axway!, hosts: { traffic: 'gw.apim.example.org' } } }));
    expect(lines([...repository, qa])).toEqual([
      'environments/qa/environment.ts: axway.hosts.traffic: "gw.apim.example.org" is also the wso2.hostnames.gateway host of environments/prod/environment.ts; a public host belongs to one environment and one interface; set a host of its own',
    ]);
  });
});

describe('the render checks uniqueness and reserved names', () => {
  let repo: ReturnType<typeof tempRepo>;
  afterEach(() => repo?.remove());

  it('a copied environment that keeps its domain fails the render with both files named, writing nothing', () => {
    repo = tempRepo();
    const before = treeHashes(repo.root, 'deploy');
    cpSync(join(repo.root, 'environments/dev'), join(repo.root, 'environments/qa'), { recursive: true });
    const file = join(repo.root, 'environments/qa/environment.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("name: 'dev'", "name: 'qa'"));
    const result = runCli(repo.root, ['render']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'environments/qa/environment.ts: domain: "dev.apim.example.org" is also the domain of environments/dev/environment.ts; every environment needs a domain of its own',
    );
    expect(treeHashes(repo.root, 'deploy')).toEqual(before);
  });

  it.each(['root', 'bootstrap', 'base'])('an environment named %s is refused at its name field', (name) => {
    repo = tempRepo();
    cpSync(join(repo.root, 'environments/dev'), join(repo.root, 'environments', name), { recursive: true });
    const file = join(repo.root, 'environments', name, 'environment.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace("name: 'dev'", `name: '${name}'`).replace("domain: 'dev.apim.example.org'", `domain: '${name}.apim.example.org'`),
    );
    const result = runCli(repo.root, ['render']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `environments/${name}/environment.ts: name: "${name}" is reserved (the Argo CD manifests and the bases use "base", "bootstrap", "root"): rename the environment and its folder`,
    );
  });
});
