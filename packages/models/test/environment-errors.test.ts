import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec } from '../src';
import { resolveEnvironment, SpecError, wso2BaseSpec } from '../src';

/** A valid environment-wide spec; each case below breaks one thing in it. */
function valid(): Record<string, any> {
  return {
    name: 'qa',
    domain: 'qa.example.org',
    images: { registry: 'registry.example.org/apim', pullSecret: { secretRef: 'registry-pull' } },
    secrets: { provider: 'external-secrets', store: { kind: 'ClusterSecretStore', name: 'vault' } },
    entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } },
    wso2: wso2BaseSpec,
  } satisfies Partial<EnvironmentSpec> as Record<string, any>;
}

function problems(spec: unknown): string[] {
  try {
    resolveEnvironment(spec, 'environments/qa/environment.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message.split('\n');
  }
  return [];
}

const source = 'environments/qa/environment.ts';

const cases: [string, (s: Record<string, any>) => unknown, string][] = [
  ['a name with upper case', (s) => ({ ...s, name: 'QA' }), `${source}: name: "QA" is not a valid DNS name (use lower case: "qa")`],
  ['a name with a space', (s) => ({ ...s, name: 'q a' }), `${source}: name: "q a" is not a valid DNS name (no spaces allowed)`],
  ['a number for the name', (s) => ({ ...s, name: 7 }), `${source}: name: must be a string (got 7)`],
  ['a missing domain', ({ domain: _d, ...s }) => s, `${source}: domain: is required (a string)`],
  [
    'a domain with an underscore',
    (s) => ({ ...s, domain: 'qa_env.example.org' }),
    `${source}: domain: "qa_env.example.org" is not a valid DNS name (use '-' instead of '_')`,
  ],
  [
    'a namespace longer than 63 characters',
    (s) => ({ ...s, namespace: 'n'.repeat(64) }),
    `${source}: namespace: "${'n'.repeat(64)}" is longer than 63 characters`,
  ],
  ['a misspelt field', (s) => ({ ...s, Domain: 'x.example.org' }), `${source}: Domain: is not a known field (did you mean "domain"?)`],
  [
    'an unknown stack',
    (s) => ({ ...s, kong: {} }),
    `${source}: kong: is not a known field (known: name, namespace, domain, production, standbyFor, images, secrets, entry, scheduling, monitoring, network, logging, dns, backups, wso2, axway)`,
  ],
  ['production as a string', (s) => ({ ...s, production: 'yes' }), `${source}: production: must be true or false (got "yes")`],
  [
    'a registry with a scheme',
    (s) => ({ ...s, images: { registry: 'https://registry.example.org' } }),
    `${source}: images.registry: "https://registry.example.org" must be a registry host and path such as "registry.example.org/apim", without a scheme`,
  ],
  [
    'a literal pull secret',
    (s) => ({ ...s, images: { ...s.images, pullSecret: 'hunter2' } }),
    `${source}: images.pullSecret: must be a secret reference like { secretRef: "<secret name>" }, not a literal value; keep the value in the secret store`,
  ],
  [
    'a literal TLS key',
    (s) => ({ ...s, entry: { kind: 'ingress-nginx', tls: '-----BEGIN PRIVATE KEY-----' } }),
    `${source}: entry.tls: must be a secret reference like { secretRef: "<secret name>" }, not a literal value; keep the value in the secret store`,
  ],
  [
    'an unknown secret provider',
    (s) => ({ ...s, secrets: { provider: 'vault' } }),
    `${source}: secrets.provider: must be one of "external-secrets", "sealed-secrets" (got "vault")`,
  ],
  ['no secret backend', ({ secrets: _s, ...s }) => s, `${source}: secrets: is required`],
  [
    'a bad refresh interval',
    (s) => ({ ...s, secrets: { ...s.secrets, refreshInterval: 'hourly' } }),
    `${source}: secrets.refreshInterval: must be a duration such as "1h" or "30m" (got "hourly")`,
  ],
  [
    'a plain value as sealed ciphertext',
    (s) => ({ ...s, secrets: { provider: 'sealed-secrets', encryptedData: { 'apim-tls': { 'tls.key': 'secret' } } } }),
    `${source}: secrets.encryptedData.apim-tls.tls.key: does not look like Sealed Secrets ciphertext (make it with "kubeseal --raw"); a plain value must never be committed`,
  ],
  [
    'a sealed backend missing a key',
    (s) => ({
      ...s,
      images: { registry: 'r.example.org' },
      secrets: { provider: 'sealed-secrets', encryptedData: { 'apim-tls': { 'tls.crt': 'A'.repeat(400) } } },
    }),
    `${source}: secrets.encryptedData.apim-tls.tls.key: is missing: ingress read it`,
  ],
  [
    'an unknown zone spread',
    (s) => ({ ...s, scheduling: { zoneSpread: 'everywhere' } }),
    `${source}: scheduling.zoneSpread: must be one of "preferred", "required", "none" (got "everywhere")`,
  ],
  [
    'a secret name with spaces',
    (s) => ({ ...s, entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim tls' } } }),
    `${source}: entry.tls.secretRef: "apim tls" is not a valid Secret name (lower case letters, digits, '-' and '.')`,
  ],
  ['no stack at all', ({ wso2: _w, ...s }) => s, `${source}: (environment): runs no stack: add \`wso2\`, \`axway\` or both`],
  ['an empty environment', () => ({}), `${source}: (environment): is empty: give at least name, domain, images and secrets`],
  ['not an object', () => 'dev', `${source}: (environment): must be an object (got "dev")`],
];

describe('malformed environments are reported with their field path', () => {
  it('the valid spec has no problems', () => {
    expect(problems(valid())).toEqual([]);
  });

  it.each(cases)('%s', (_name, mutate, expected) => {
    expect(problems(mutate(valid()))).toContain(expected);
  });

  it('reports every problem at once, one per line, in a stable order, without follow-on errors', () => {
    const lines = problems({ ...valid(), name: 'Q A', domain: 'x y', production: 1 });
    // Each mistake once, where it was written: not again in the namespace and hosts derived from it.
    expect(lines).toEqual([
      `${source}: name: "Q A" is not a valid DNS name (no spaces allowed)`,
      `${source}: domain: "x y" is not a valid DNS name (no spaces allowed)`,
      `${source}: production: must be true or false (got 1)`,
    ]);
  });
});
