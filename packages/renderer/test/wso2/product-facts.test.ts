import type { ResolvedWso2Component } from '@apim-gitops/models';
import {
  resolveEnvironment,
  wso2ConfigVolume,
  wso2ImageUser,
  wso2Images,
  wso2KeyManagerProfile,
  wso2KnownTables,
  wso2Paths,
  wso2RequiredTables,
  wso2ServerRole,
} from '@apim-gitops/models';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { jmxExporterMountRoot } from '../../src/monitoring/jmx-exporter';
import { renderKeyManager } from '../../src/wso2/key-manager';
import { toPlain } from '../../src/kube-object';
import type { Obj } from './rendered';
import { environments, mainContainer, named, renderWso2Plain } from './rendered';

// Every rendered WSO2 container and deployment.toml held to models' wso2/facts.ts, which cites the
// product sources. components.test.ts holds the same output to values written out by hand, so a wrong
// fact and a wrong rendering both fail a test.

/** Every table path in a TOML document: `a.b` for tables, the same for each element of an array of tables. */
function tablePaths(value: Record<string, unknown>, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const tables =
      Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))
        ? v
        : v && typeof v === 'object' && !Array.isArray(v)
          ? [v]
          : [];
    if (tables.length === 0) continue;
    paths.push(path);
    for (const t of tables) paths.push(...tablePaths(t as Record<string, unknown>, path));
  }
  return [...new Set(paths)];
}

/** The table (or, for an array of tables, each element) at a dotted path. */
function tablesAt(doc: Record<string, unknown>, path: string): Record<string, unknown>[] {
  let level: unknown[] = [doc];
  for (const part of path.split('.')) {
    level = level.flatMap((t) => {
      const v = (t as Record<string, unknown>)[part];
      return Array.isArray(v) ? v : v === undefined ? [] : [v];
    });
  }
  return level as Record<string, unknown>[];
}

describe.each(Object.keys(environments))('%s: WSO2 output agrees with the product facts', (name) => {
  const env = resolveEnvironment(environments[name]!, name);
  const wso2 = env.wso2!;
  const objects = renderWso2Plain(environments[name]!);
  const components: [keyof typeof wso2RequiredTables, ResolvedWso2Component][] = [
    ['controlPlane', wso2.controlPlane],
    ['keyManager', wso2.keyManager],
    ['gateway', wso2.gateway],
  ];

  describe.each(components)('%s', (role, component) => {
    const deployment = named(objects, 'Deployment', component.id);
    const pod = deployment.spec.template.spec;
    const container = mainContainer(deployment);
    const image = wso2Images[component.imageKind];
    const toml = parse(named(objects, 'ConfigMap', `${component.id}-config`).data['deployment.toml']) as Record<string, unknown>;
    const envNames: string[] = container.env.map((e: Obj) => e.name);

    it("runs as the image's user and group", () => {
      expect(container.securityContext?.runAsUser ?? pod.securityContext.runAsUser).toBe(wso2ImageUser.uid);
      expect(pod.securityContext).toMatchObject({ runAsGroup: wso2ImageUser.gid, fsGroup: wso2ImageUser.gid });
    });

    it('sets only variables its image reads or its deployment.toml references, and every one the TOML references', () => {
      const text = named(objects, 'ConfigMap', `${component.id}-config`).data['deployment.toml'] as string;
      const referenced = [...text.matchAll(/\$env\{([A-Z0-9_]+)\}/g)].map((m) => m[1]!);
      for (const n of envNames) expect([...image.reads, ...referenced], `${n} is read by nothing`).toContain(n);
      for (const n of referenced) expect(envNames, `$env{${n}} has no variable`).toContain(n);
    });

    it('sets PROFILE_NAME exactly when its image reads it, to a value its entrypoint knows', () => {
      const profile = container.env.find((e: Obj) => e.name === 'PROFILE_NAME')?.value;
      if (!image.reads.includes('PROFILE_NAME')) expect(profile).toBeUndefined();
      else expect(Object.keys(image.startScripts)).toContain(profile);
      // The acp image runs a whole control plane unless PROFILE_NAME is exactly key-manager.
      if (component.imageKind === 'apiControlPlane') expect(profile).toBe(wso2KeyManagerProfile);
    });

    it('stops, in preStop, the script its entrypoint starts', () => {
      const profile = container.env.find((e: Obj) => e.name === 'PROFILE_NAME')?.value ?? '';
      const script = image.startScripts[profile]!;
      expect(container.lifecycle.preStop.exec.command.join(' ')).toContain(`$WSO2_SERVER_HOME/bin/${script}.sh" stop`);
    });

    it('mounts every file under the config volume, at the path the server reads it from', () => {
      const keystore = tablesAt(toml, 'keystore.tls')[0]!.file_name as string;
      const truststore = tablesAt(toml, 'truststore')[0]!.file_name as string;
      const expected = [wso2Paths.deploymentToml, `${wso2Paths.security}/${keystore}`, `${wso2Paths.security}/${truststore}`];
      const mounted = container.volumeMounts.map((m: Obj) => m.mountPath as string);
      // The JMX exporter's agent and rules are the one exception: the JVM reads them where they are mounted.
      for (const path of mounted) expect(path.startsWith(`${wso2ConfigVolume}/`) || path.startsWith(`${jmxExporterMountRoot}/`), path).toBe(true);
      for (const rel of expected) expect(mounted).toContain(`${wso2ConfigVolume}/${rel}`);
    });

    it('carries only deployment.toml tables 4.5 knows', () => {
      for (const path of tablePaths(toml)) expect(Object.keys(wso2KnownTables), `[${path}]`).toContain(path);
    });

    it.each(wso2RequiredTables[role].map((r) => [r.table, r] as const))('carries [%s] as the product defaults have it', (_table, required) => {
      const tables = tablesAt(toml, required.table);
      expect(tables.length, `${required.table} (${required.why})`).toBeGreaterThan(0);
      expect(
        tables.some((t) => Object.entries(required.keys).every(([k, v]) => JSON.stringify(t[k]) === JSON.stringify(v))),
        required.why,
      ).toBe(true);
    });

    it('is a 4.5 server role', () => {
      expect(tablesAt(toml, 'server')[0]!.server_role).toBe(wso2ServerRole);
    });
  });

  it('advertises only https:// and wss:// gateway endpoints', () => {
    const toml = parse(named(objects, 'ConfigMap', `${wso2.controlPlane.id}-config`).data['deployment.toml']) as Record<string, unknown>;
    for (const environment of tablesAt(toml, 'apim.gateway.environment'))
      for (const [key, value] of Object.entries(environment)) if (key.endsWith('_endpoint')) expect(String(value), key).toMatch(/^(https|wss):\/\//);
  });

  it('writes the URL-encoded admin password into every AMQP credential table', () => {
    for (const [, component] of components) {
      const toml = parse(named(objects, 'ConfigMap', `${component.id}-config`).data['deployment.toml']) as Record<string, unknown>;
      for (const path of ['apim.event_hub.jms', 'apim.throttling.jms'])
        for (const t of tablesAt(toml, path)) expect(t.password, `${component.id} [${path}]`).toBe('$env{ADMIN_PASSWORD_URLENCODED}');
    }
  });
});

describe('the acp image and PROFILE_NAME', () => {
  it('cannot be rendered as a key manager without PROFILE_NAME=key-manager', () => {
    const env = resolveEnvironment(environments.base!, 'base');
    const broken = { ...env, wso2: { ...env.wso2!, keyManager: { ...env.wso2!.keyManager, profile: undefined } } };
    expect(() => renderKeyManager(broken, broken.wso2).map((o) => toPlain(o))).toThrow(/PROFILE_NAME=key-manager/);
  });
});
