import type { EnvironmentSpec } from '@apim-gitops/models';
import { axwayBaseSpec, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import dev from '../../../../environments/dev/environment';
import prod from '../../../../environments/prod/environment';
import { renderEnvironment, toPlain } from '../../src/index';

type Plain = Record<string, any>;

const base: EnvironmentSpec = { ...baseEnvironmentSpec, axway: axwayBaseSpec };
const render = (spec: EnvironmentSpec): Plain[] => renderEnvironment(resolveEnvironment(spec, spec.name)).map((o) => toPlain(o) as Plain);
const deployments = (objects: Plain[]) => objects.filter((o) => o.kind === 'Deployment');
const initContainers = (objects: Plain[]) =>
  [...deployments(objects), ...objects.filter((o) => o.kind === 'Job')].flatMap((d) => d.spec.template.spec.initContainers ?? []);

describe.each([
  ['base', base],
  ['dev', dev],
  ['prod', prod],
] as const)('%s: prechecks', (_name, spec) => {
  const env = resolveEnvironment(spec, spec.name);
  const objects = render(spec);

  it("pulls every init container from the environment's registry, never from Docker Hub", () => {
    for (const c of initContainers(objects)) expect(c.image.startsWith(`${env.images.registry}/`), `${c.name}: ${c.image}`).toBe(true);
  });

  it('uses images.precheck for every TCP wait', () => {
    for (const c of initContainers(objects).filter((c) => c.name.startsWith('wait-for-'))) expect(c.image).toBe(env.images.precheck);
  });

  it('checks the schema of every database in production, and only the port elsewhere', () => {
    const checks = initContainers(objects).filter((c) => c.name.startsWith('check-'));
    if (!env.production) return expect(checks).toEqual([]);
    expect(new Set(checks.map((c) => c.name))).toEqual(new Set(['check-apim-db-schema', 'check-shared-db-schema', 'check-metrics-db-schema']));
    for (const c of checks) {
      expect(c.command[2]).toMatch(/SELECT 1 FROM \\`(AM_API|UM_TENANT|process_groups)\\` LIMIT 1/);
      expect(c.command[2]).toContain('schema missing');
      // The password only ever reaches the client through MYSQL_PWD from a Secret.
      expect(c.env.find((e: Plain) => e.name === 'MYSQL_PWD').valueFrom.secretKeyRef.key).toBe('password');
      expect(c.command.join(' ')).not.toMatch(/--password|\s-p\S/);
    }
  });
});

describe('images.precheck', () => {
  it('replaces the precheck image, still under the registry', () => {
    const objects = render({ ...base, name: 'test', images: { ...base.images, precheck: { repository: 'mirror/busybox', tag: '1.36.1' } } });
    for (const c of initContainers(objects).filter((c) => c.name.startsWith('wait-for-')))
      expect(c.image).toBe('registry.example.org/apim/mirror/busybox:1.36.1');
  });

  it('refuses an image reference that is not one', () => {
    expect(() =>
      resolveEnvironment({ ...base, images: { ...base.images, precheck: { repository: 'Busy Box', tag: '1' } } }, 'environments/base/environment.ts'),
    ).toThrow('environments/base/environment.ts: images.precheck.repository: "Busy Box" is not a valid image repository');
  });
});

describe('secret rotation reaches the pods', () => {
  it('lists, on every Deployment, the Secrets its pods read for Reloader to roll it', () => {
    for (const d of deployments(render(prod))) {
      const pod = d.spec.template.spec;
      const read = new Set<string>();
      for (const c of [...pod.containers, ...(pod.initContainers ?? [])])
        for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) read.add(e.valueFrom.secretKeyRef.name);
      for (const v of pod.volumes ?? []) if (v.secret) read.add(v.secret.secretName);
      expect(d.metadata.annotations['secret.reloader.stakater.com/reload'].split(','), d.metadata.name).toEqual([...read].sort());
    }
  });

  it('hashes the Sealed Secrets ciphertext into the pod template, so re-sealing rolls the pods from git alone', () => {
    // The shape `kubeseal --raw` writes: a 2-byte length, a 256-byte RSA-wrapped key, then AES-GCM data.
    const cipher = (c: string) => {
      let x = c.charCodeAt(0);
      const bytes = [
        1,
        0,
        ...Array.from({ length: 256 + 64 }, () => {
          x = (x * 1103515245 + 12345) % 2 ** 31;
          return x & 0xff;
        }),
      ];
      return btoa(String.fromCharCode(...bytes));
    };
    const secretNames = resolveEnvironment(base, 'base').secrets;
    const encryptedData = (c: string) => Object.fromEntries(secretNames.map((s) => [s.name, Object.fromEntries(s.keys.map((k) => [k, cipher(c)]))]));
    const sealed = (c: string): EnvironmentSpec => ({ ...base, secrets: { provider: 'sealed-secrets', encryptedData: encryptedData(c) } });
    const sums = (c: string) => deployments(render(sealed(c))).map((d) => d.spec.template.metadata.annotations['checksum/secrets']);
    expect(sums('A').every((s) => /^[0-9a-f]{16}$/.test(s))).toBe(true);
    expect(sums('B')).not.toEqual(sums('A'));
    // External Secrets rotate in the store, out of git's sight: Reloader alone handles them.
    for (const d of deployments(render(base))) expect(d.spec.template.metadata.annotations['checksum/secrets']).toBeUndefined();
  });
});

describe('the URL-encoded admin password', () => {
  it('is derived by External Secrets from the password, never stored twice', () => {
    const admin = render(base).find((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'wso2-admin')!;
    expect(admin.spec.data.map((d: Plain) => d.secretKey)).toEqual(['password', 'username']);
    expect(admin.spec.target.template).toEqual({ engineVersion: 'v2', mergePolicy: 'Merge', data: { 'password-urlencoded': '{{ .password | urlquery }}' } });
  });

  it('must be sealed like any other key with Sealed Secrets, and the message says what it is', () => {
    const secretNames = resolveEnvironment(base, 'base').secrets;
    const encryptedData = Object.fromEntries(
      secretNames.map((s) => [s.name, Object.fromEntries(s.keys.filter((k) => k !== 'password-urlencoded').map((k) => [k, 'A'.repeat(400)]))]),
    );
    expect(() => resolveEnvironment({ ...base, secrets: { provider: 'sealed-secrets', encryptedData } }, 'environments/base/environment.ts')).toThrow(
      /secrets\.encryptedData\.wso2-admin\.password-urlencoded: is missing: .* \(the URL-encoded form of "password"/,
    );
  });
});
