import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec, SpecError } from '../src/index';
import { baseEnvironmentSpec, checkNoLiteralSecrets, FieldChecks, IssueList, isSecretLookingKey, isSecretPlaceholder, resolveEnvironment } from '../src/index';

describe('secret helpers', () => {
  it.each(['password', 'CASS_PASS', 'keystore.password', 'clientSecret', 'api_key', 'ADMIN_TOKEN', 'tls.key'])('treats %s as a secret-looking key', (key) => {
    expect(isSecretLookingKey(key)).toBe(true);
  });

  it.each(['key_manager_url', 'token_endpoint', 'KEY_VALIDATION_HANDLER_TYPE', 'hostname', 'secretRef_name_x'])(
    'does not treat %s as a secret-looking key',
    (key) => {
      expect(isSecretLookingKey(key)).toBe(false);
    },
  );

  it.each(['$env{DB_PASSWORD}', '$secret{admin}', '$ref{keystore.password}', '${environment.CASS_PASS}', '$(DB_PASSWORD)', '""', ''])(
    'treats %s as a placeholder',
    (value) => {
      expect(isSecretPlaceholder(value)).toBe(true);
    },
  );

  it.each(['admin', 'wso2carbon', '$env{A}x', 'prefix-${X}'])('treats %s as a literal', (value) => {
    expect(isSecretPlaceholder(value)).toBe(false);
  });

  it('reports a literal secret in a free-form map with its exact path', () => {
    const issues = new IssueList();
    checkNoLiteralSecrets(new FieldChecks(issues), 'axway.traffic.extraEnv', { CASS_PASS: 'changeme', CASS_HOST: 'cass-1', ADMIN_PASSWORD: '$env{ADMIN}' });
    expect(issues.issues).toEqual([
      {
        path: 'axway.traffic.extraEnv.CASS_PASS',
        message: 'looks like a secret but holds a literal value; use a SecretRef (e.g. { secretRef: "<secret name>" }) and a $env{…} placeholder instead',
      },
    ]);
  });

  it.each([
    [
      'a literal string',
      'hunter2',
      'entry.tls',
      'must be a secret reference like { secretRef: "<secret name>" }, not a literal value; keep the value in the secret store',
    ],
    ['a value beside the name', { secretRef: 'db', value: 'x' }, 'entry.tls.value', 'is not a known field (known: secretRef)'],
    ['a number', 42, 'entry.tls', 'must be a secret reference like { secretRef: "<secret name>" }, not a literal value; keep the value in the secret store'],
    [
      'a name that is no Secret name',
      { secretRef: 'DB Creds' },
      'entry.tls.secretRef',
      `"DB Creds" is not a valid Secret name (lower case letters, digits, '-' and '.')`,
    ],
  ])('rejects %s where a SecretRef belongs, naming the path', (_what, ref, path, message) => {
    // The schema generated from SecretRef's TSDoc decides; the message says what a reference is.
    const spec = { ...baseEnvironmentSpec, entry: { kind: 'ingress-nginx', tls: ref } } as unknown as EnvironmentSpec;
    let error: SpecError | undefined;
    try {
      resolveEnvironment(spec, 'env.ts');
    } catch (e) {
      error = e as SpecError;
    }
    expect(error?.issues).toContainEqual({ path, message });
  });
});
