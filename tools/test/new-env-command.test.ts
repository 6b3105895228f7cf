import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { kustomizeBuild } from '../src/kubectl';
import { derivedDomain, rewriteEnvironment } from '../src/new-env-command';
import { copyRepository, lintIn } from './temp-repository';

let repo: ReturnType<typeof copyRepository>;
beforeEach(() => {
  repo = copyRepository();
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  repo.remove();
});

describe('new-env', () => {
  it('scaffolds an environment from another without its data: hosts, CIDRs and production become "SET ME", listed, and the render refuses them', async () => {
    expect(await main(['new-env', 'staging', '--from', 'prod', '--domain', 'staging.apim.example.org'], repo.root)).toBe(0);
    const dir = join(repo.root, 'environments', 'staging');
    const environment = readFileSync(join(dir, 'environment.ts'), 'utf8');
    expect(environment).toContain("name: 'staging',");
    expect(environment).toContain("domain: 'staging.apim.example.org',");
    // Not prod's store: an environment may read only a store of its own.
    expect(environment).toContain("store: { kind: 'ClusterSecretStore', name: 'vault-staging' },");
    expect(environment).toContain("production: 'SET ME' as unknown as boolean,");
    expect(environment).toContain("network: { clusterCidrs: ['SET ME'] },");
    const copied = ['environment.ts', 'wso2.ts', 'axway.ts'].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const prodValue of [
      'mysql.prod.example.org',
      'cassandra-1.data.example.org',
      'metrics-db.data.example.org',
      '10.30.1.0/24',
      '10.0.0.0/14',
      '10.40.0.0/16',
      // Its load balancer (dns.target) and its backups' bucket.
      'apim-prod-lb.lb.example.org',
      'apim-backups-prod',
    ])
      expect(copied).not.toContain(prodValue);
    const project = JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8'));
    expect(project.name).toBe('staging');
    expect(project.targets.render.options.command).toBe('node tools/bin/run.mjs render --env staging');
    // Not rendered: the values must be set first, and the printout says which.
    expect(existsSync(join(repo.root, 'deploy', 'overlays', 'staging'))).toBe(false);
    const printed = vi.mocked(console.log).mock.calls.map((c) => String(c[0]));
    expect(printed).toContain("  environments/staging/wso2.ts: databases.apim.host   (prod has 'mysql.prod.example.org')");
    expect(printed).toContain('  environments/staging/environment.ts: production   (prod has true)');
    expect(printed.at(-1)).toBe('then run "npx nx run render" and commit');
    vi.mocked(console.error).mockClear();
    expect(await main(['render', '--env', 'staging'], repo.root)).toBe(1);
    expect(
      vi
        .mocked(console.error)
        .mock.calls.map((c) => String(c[0]))
        .join('\n'),
    ).toContain('SET ME');
    expect(existsSync(join(repo.root, 'deploy', 'overlays', 'staging'))).toBe(false);

    // Once a person has set them, the copy renders and kustomize builds it.
    for (const file of ['environment.ts', 'wso2.ts', 'axway.ts']) {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8')
        .replace("production: 'SET ME' as unknown as boolean", 'production: true')
        .replace(/host: 'SET ME'/g, "host: 'db.staging.example.org'")
        .replace(/hosts: \['SET ME'\]/g, "hosts: ['c1.staging.example.org', 'c2.staging.example.org', 'c3.staging.example.org']")
        .replace(/(cidrs|clusterCidrs): \['SET ME'\]/g, "$1: ['10.99.0.0/24']")
        .replace("target: 'SET ME'", "target: 'lb.staging.example.org'")
        .replace("bucket: 'SET ME'", "bucket: 'apim-backups-staging'");
      writeFileSync(path, text);
    }
    expect(await main(['render'], repo.root)).toBe(0);
    const objects = kustomizeBuild(repo.root, 'deploy/overlays/staging') as { metadata: { namespace: string } }[];
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.every((o) => o.metadata.namespace === 'apim-staging')).toBe(true);
    // The scaffold passes the lint and format check as written.
    const lint = lintIn(repo.root, ['environments/staging']);
    expect(lint.status, lint.output).toBe(0);
  });

  it.each([
    [['new-env', 'Bad_Name', '--from', 'dev'], 'new-env: "Bad_Name" is not a DNS label (lower-case letters, digits and "-", starting with a letter)'],
    [['new-env', 'prod', '--from', 'dev'], 'new-env: environments/prod already exists'],
    [['new-env', 'qa', '--from', 'nope'], 'new-env: --from nope: no such environment (environments: dev, prod, prod-eu-west)'],
    [
      ['new-env', 'qa', '--from', 'prod-eu-west'],
      'new-env: --from prod-eu-west: is derived from prod (environments/prod-eu-west/environment.ts: deriveEnvironment) and holds only its overrides: copy prod (--from prod), or derive the new environment from prod the same way',
    ],
    [['new-env', 'qa'], 'new-env: give the environment to copy: --from ENV'],
    [['new-env', 'qa', '--from', 'dev', '--domain', 'not a domain'], 'new-env: --domain "not a domain" is not a DNS domain'],
  ])('%j fails with a clear message and writes nothing', async (args, message) => {
    expect(await main(args, repo.root)).toBe(1);
    expect(
      vi
        .mocked(console.error)
        .mock.calls.map((c) => String(c[0]))
        .join('\n'),
    ).toContain(message);
    expect(existsSync(join(repo.root, 'environments', 'qa'))).toBe(false);
  });

  it('derives the domain from the source environment when none is given', () => {
    expect(derivedDomain('dev', 'dev.apim.example.org', 'qa')).toBe('qa.apim.example.org');
    expect(derivedDomain('prod', 'apim.example.org', 'qa')).toBe('qa.apim.example.org');
    const { text } = rewriteEnvironment(
      "// keep me\nexport default defineEnvironment({ name: 'dev', domain: 'dev.x.org' /* here */ });\n",
      'dev',
      'qa',
      undefined,
    );
    expect(text).toBe("// keep me\nexport default defineEnvironment({ name: 'qa', domain: 'qa.x.org' /* here */ });\n");
  });

  it('renames the source environment in the store name and the remote keys, so the copy reads only its own secrets', () => {
    const source =
      "export default defineEnvironment({ name: 'prod', domain: 'x.org', secrets: { provider: 'external-secrets', store: { kind: 'ClusterSecretStore', name: 'vault-prod.eu' }, remoteKeys: { db: 'prod/db', other: 'shared/x' } } });\n";
    expect(rewriteEnvironment(source, 'prod', 'qa', 'qa.x.org').text).toBe(
      "export default defineEnvironment({ name: 'qa', domain: 'qa.x.org', secrets: { provider: 'external-secrets', store: { kind: 'ClusterSecretStore', name: 'vault-qa.eu' }, remoteKeys: { db: 'qa/db', other: 'shared/x' } } });\n",
    );
  });
});
