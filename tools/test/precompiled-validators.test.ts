import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { specAjv } from '@apim-gitops/models/src/schema/spec-ajv';
import type { SpecValidateFunction } from '@apim-gitops/models';
import { gitOpsSource } from '@apim-gitops/renderer/src/argocd/names';
import { closedDnsEndpointSchema, dnsEndpointAjvOptions } from '@apim-gitops/renderer/src/external-dns/dns-endpoint-schema';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import validateDnsEndpoint from '../../packages/renderer/src/external-dns/dns-endpoint.validate.mjs';
import validateEnvironment from '../../packages/models/schema/environment.validate.mjs';
import validateGitOps from '../../packages/models/schema/gitops.validate.mjs';
import { environmentFile, environmentNames } from '../src/environment-files';
import { loadDefaultExport } from '../src/load-environment';
import { schemaCommand } from '../src/spec-schema';
import { validatorModules } from '../src/validator-modules';
import { badInputCases } from './bad-input/cases/all-cases';
import { copyRepository, makeTempRepository, removeTempRepository, repositoryRoot, runCli } from './temp-repository';

const schemaOf = (path: string) => JSON.parse(readFileSync(join(repositoryRoot, path), 'utf8'));
const environmentSchema = schemaOf('packages/models/schema/environment.schema.json');
const gitOpsSchema = schemaOf('packages/models/schema/gitops.schema.json');

/** What Ajv makes of `input`: valid or not, the value with its defaults, and the errors, exactly as Ajv gives them. */
function outcome(validate: SpecValidateFunction, input: unknown) {
  const value = structuredClone(input);
  const valid = validate(value);
  return { valid, value, errors: validate.errors ?? null };
}

/** The committed environments and each bad-input case's environment that still loads (the schema sees only those). */
async function environmentSpecs(): Promise<[string, unknown][]> {
  const specs: [string, unknown][] = [];
  for (const name of environmentNames(repositoryRoot)) specs.push([name, await loadDefaultExport(repositoryRoot, environmentFile(name))]);
  const root = makeTempRepository();
  try {
    for (const bad of badInputCases) {
      const env = bad.env ?? 'dev';
      const originals = new Map<string, string>();
      for (const [file, edit] of Object.entries(bad.edits)) {
        const path = join(root, 'environments', env, file);
        originals.set(path, readFileSync(path, 'utf8'));
        writeFileSync(path, edit(originals.get(path)!));
      }
      try {
        specs.push([`${env} with ${bad.name}`, await loadDefaultExport(root, environmentFile(env))]);
      } catch {
        // A case that breaks the file itself (a syntax error, a missing export) never reaches the schema.
      }
      for (const [path, text] of originals) writeFileSync(path, text);
    }
  } finally {
    removeTempRepository(root);
  }
  return specs;
}

describe('the precompiled validators', () => {
  const runtimeEnvironment = specAjv().compile(environmentSchema);
  const runtimeGitOps = specAjv().compile(gitOpsSchema);
  const specs = environmentSpecs();

  it('load the committed environments and most bad-input cases, and some of those break the schema', async () => {
    const loaded = await specs;
    expect(loaded.length).toBeGreaterThan(environmentNames(repositoryRoot).length + badInputCases.length / 2);
    expect(loaded.filter(([, spec]) => !runtimeEnvironment(structuredClone(spec))).length).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('give every environment spec the same validity, defaults and error objects as the schema compiled at runtime', async () => {
    for (const [name, spec] of await specs) expect(outcome(validateEnvironment, spec), name).toEqual(outcome(runtimeEnvironment, spec));
  }, 120_000);

  it('give the GitOps settings, as committed and broken, what the schema compiled at runtime gives', async () => {
    const gitOps = (await loadDefaultExport(repositoryRoot, gitOpsSource)) as Record<string, unknown>;
    const broken = [
      gitOps,
      { ...gitOps, repoURL: 'not a url' },
      { ...gitOps, targetRevision: 'release/../prod' },
      { ...gitOps, namespacedKinds: [{ group: 'apps', kind: '*' }] },
      { ...gitOps, repoUrl: gitOps.repoURL },
      {},
    ];
    for (const input of broken) expect(outcome(validateGitOps, input)).toEqual(outcome(runtimeGitOps, input));
    expect(outcome(validateGitOps, broken[1]).valid).toBe(false);
  }, 60_000);

  it('give a DNSEndpoint, good or bad, what its CRD schema compiled at runtime gives', () => {
    const runtime = new Ajv(dnsEndpointAjvOptions).compile(closedDnsEndpointSchema);
    const endpoint = { dnsName: 'gw.example.org', recordType: 'CNAME', recordTTL: 300, targets: ['lb.example.org'] };
    const object = (spec: unknown) => ({ apiVersion: 'externaldns.k8s.io/v1alpha1', kind: 'DNSEndpoint', metadata: { name: 'gw' }, spec });
    const inputs = [
      object({ endpoints: [endpoint] }),
      object({ endpoints: [{ ...endpoint, recordTtl: 300 }] }),
      object({ endpoints: [{ ...endpoint, targets: 'lb.example.org' }] }),
      object({ endpoints: 'none' }),
    ];
    for (const input of inputs) expect(outcome(validateDnsEndpoint, input)).toEqual(outcome(runtime, input));
    expect(outcome(validateDnsEndpoint, inputs[1]).valid).toBe(false);
  });

  it('are generated deterministically: the committed schemas give the committed modules, byte for byte, every time', () => {
    const schemas = new Map([
      ['packages/models/schema/environment.schema.json', environmentSchema],
      ['packages/models/schema/gitops.schema.json', gitOpsSchema],
    ]);
    const first = validatorModules(schemas, schemaCommand);
    expect(validatorModules(schemas, schemaCommand)).toEqual(first);
    expect(first.size).toBe(6);
    for (const [path, text] of first) {
      expect(readFileSync(join(repositoryRoot, path), 'utf8'), path).toBe(text);
      expect(text.startsWith(`// Generated by "${schemaCommand}" from `), path).toBe(true);
    }
  });
});

describe('check, with a precompiled validator that is stale', () => {
  let repo: ReturnType<typeof copyRepository>;
  afterAll(() => repo?.remove());

  it('fails, naming the file and the command that regenerates it', () => {
    repo = copyRepository();
    const path = 'packages/models/schema/gitops.validate.mjs';
    const file = join(repo.root, path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"use strict";', '"use strict";\n// a hand edit\n'));
    const result = runCli(repo.root, ['check']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`--- ${path} (differs from a fresh generation)`);
    expect(result.stdout).toContain('run "node tools/bin/run.mjs schema" and commit the result');
  }, 120_000);
});
