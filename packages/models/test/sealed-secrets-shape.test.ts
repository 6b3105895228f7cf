import { describe, expect, it } from 'vitest';
import { resolveEnvironment, SpecError, wso2BaseSpec } from '../src';

const source = 'environments/qa/environment.ts';

/** Deterministic bytes that look random (an LCG), as AES-GCM output and an RSA block do. */
function noise(length: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x & 0xff;
  });
}

const base64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
/** The shape `kubeseal --raw` writes: a 2-byte length, the RSA-wrapped session key, then AES-GCM data. */
const sealed = (rsaBytes: number, dataBytes: number, seed: number) => base64([rsaBytes >> 8, rsaBytes & 0xff, ...noise(rsaBytes + dataBytes, seed)]);

function problems(spec: unknown): string[] {
  try {
    resolveEnvironment(spec, source);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message.split('\n');
  }
  return [];
}

function withSecrets(secrets: Record<string, unknown>, images: Record<string, unknown> = { registry: 'registry.example.org/apim' }): Record<string, unknown> {
  return { name: 'qa', domain: 'qa.example.org', images, secrets, entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } }, wso2: wso2BaseSpec };
}

/** Every key the base WSO2 stack and the ingress read, sealed with the given value. */
function sealedEverything(value: (i: number) => string): Record<string, Record<string, string>> {
  const names: Record<string, string[]> = {
    'apim-tls': ['tls.crt', 'tls.key'],
    'wso2-admin': ['password', 'password-urlencoded', 'username'],
    'wso2-apim-db': ['password', 'username'],
    'wso2-shared-db': ['password', 'username'],
    'wso2-keystores': ['client-truststore.jks', 'keystore-password', 'truststore-password', 'wso2carbon.jks'],
  };
  let i = 0;
  return Object.fromEntries(Object.entries(names).map(([name, keys]) => [name, Object.fromEntries(keys.map((k) => [k, value(i++)]))]));
}

describe('Sealed Secrets ciphertext is checked for its real shape', () => {
  it.each([
    ['RSA-2048', 256],
    ['RSA-4096', 512],
  ])('ciphertext of a %s controller key passes', (_name, rsaBytes) => {
    const spec = withSecrets({ provider: 'sealed-secrets', encryptedData: sealedEverything((i) => sealed(rsaBytes, 40, i + 1)) });
    expect(problems(spec).filter((p) => p.includes('encryptedData'))).toEqual([]);
  });

  const pem = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(12)}\n-----END PRIVATE KEY-----\n`;
  it.each([
    ['base64 of a PEM private key', btoa(pem), 'it is base64 of text, not ciphertext'],
    ['base64 of a long password', btoa('correct horse battery staple '.repeat(12)), 'it is base64 of text, not ciphertext'],
    ['random bytes without the wrapped-key length', base64(noise(400, 7)), 'do not start with the length of an RSA-wrapped session key'],
    ['a wrapped key with no data after it', sealed(256, 4, 3), 'do not start with the length of an RSA-wrapped session key'],
  ])('%s is refused', (_name, value, reason) => {
    const spec = withSecrets({ provider: 'sealed-secrets', encryptedData: sealedEverything((i) => (i === 0 ? value : sealed(256, 40, i + 1))) });
    const line = problems(spec).find((p) => p.startsWith(`${source}: secrets.encryptedData.apim-tls.tls.crt: `));
    expect(line).toContain('does not look like Sealed Secrets ciphertext (make it with "kubeseal --raw"); a plain value must never be committed');
    expect(line).toContain(reason);
  });
});

describe('remoteKeys name only Secrets the environment uses', () => {
  it('a remote key for an unknown Secret is refused with the list of known ones', () => {
    const spec = withSecrets(
      {
        provider: 'external-secrets',
        store: { kind: 'ClusterSecretStore', name: 'vault' },
        remoteKeys: { 'wso2-apim-dbx': 'qa/apim-db', 'apim-tls': 'shared/tls' },
      },
      { registry: 'registry.example.org/apim', pullSecret: { secretRef: 'registry-pull' } },
    );
    expect(problems(spec)).toEqual([
      `${source}: secrets.remoteKeys.wso2-apim-dbx: names no Secret this environment uses (its Secrets: apim-tls, registry-pull, wso2-admin, wso2-apim-db, wso2-keystores, wso2-shared-db); fix the name or remove it`,
    ]);
  });
});
