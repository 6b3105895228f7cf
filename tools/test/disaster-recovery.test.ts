import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { EnvironmentOverrides, EnvironmentSpec } from '@apim-gitops/models';
import { deriveEnvironment, overriddenPaths, resolveEnvironment, SpecValidator } from '@apim-gitops/models';
import type { Json } from '@apim-gitops/renderer';
import { renderPlain } from '@apim-gitops/renderer';
import validateEnvironment from '../../packages/models/schema/environment.validate.mjs';
import { specDifferences } from './support/spec-differences';
import { repositoryRoot } from './temp-repository';

const standbyFile = 'environments/prod-eu-west/environment.ts';
// Every `checksum/…` pod annotation (config, log agent, metrics agent) hashes content this test compares itself.
const checksumPrefix = 'checksum/';
const load = async <T>(file: string) => (await import(join(repositoryRoot, file))) as T;
const { default: prod } = await load<{ default: EnvironmentSpec }>('environments/prod/environment.ts');
const standby = await load<{ default: EnvironmentSpec; serving: boolean }>(standbyFile);
const { regionOverrides, standbyOverrides } = await load<{ regionOverrides: EnvironmentOverrides; standbyOverrides: EnvironmentOverrides }>(
  'environments/prod-eu-west/overrides.ts',
);

/**
 * Every field in which the standby may differ from prod, and why. A field missing here that the
 * standby changes is an accidental difference; a field here that it does not change is a forgotten
 * override (the standby would use prod's database, say). Both fail below.
 */
const regionFields = [
  'axway.cassandra.cidrs', // Cassandra's second datacenter, in the region
  'axway.cassandra.hosts',
  'axway.metricsDb.cidrs', // the region's metrics database
  'axway.metricsDb.host',
  'backups.objectStorage.bucket', // the region's own bucket, reached through the region's S3 endpoint
  'backups.objectStorage.cidrs',
  'backups.objectStorage.endpoint',
  'backups.objectStorage.region',
  'dns.target', // the region's load balancer
  'logging.shipping.destination.cidrs', // the region's own Loki
  'logging.shipping.destination.host',
  'name', // prod-eu-west: its own overlay, Application and project
  'namespace', // apim-prod, as prod, on another cluster: the pods' certificates name *.apim-prod.svc
  'network.clusterCidrs', // the eu-west cluster's own networks
  'secrets.store.name', // the region's store
  'standbyFor', // what makes sharing prod's namespace, domain and hosts legitimate
  'wso2.databases.apim.cidrs', // the MySQL replicas, promoted on failover
  'wso2.databases.apim.host',
  'wso2.databases.shared.cidrs',
  'wso2.databases.shared.host',
];
/** While prod serves, WSO2 does not run in the standby at all, and prod's external-dns alone owns the public hosts. */
const standbyFields = [...regionFields.filter((f) => !f.startsWith('wso2.') && !f.startsWith('dns.')), 'dns', 'wso2'].sort();

const validator = new SpecValidator<EnvironmentSpec>(validateEnvironment);
/** A spec as the models see it: validated, with every schema default in place. */
const defaulted = (spec: EnvironmentSpec) => {
  const checked = validator.check(spec);
  expect(checked.issues).toEqual([]);
  return checked.value;
};

describe('the standby in eu-west is prod but for the declared fields', () => {
  it('is prod with the region overrides, and with WSO2 left out while it stands by (serving = false)', () => {
    expect(standby.default).toEqual(deriveEnvironment(prod, standby.serving ? regionOverrides : { ...regionOverrides, ...standbyOverrides }));
  });

  it('declares exactly the region fields and, while standing by, WSO2 left out', () => {
    expect(overriddenPaths(regionOverrides)).toEqual(regionFields);
    expect(overriddenPaths({ ...regionOverrides, ...standbyOverrides })).toEqual(standbyFields);
  });

  it('differs from prod (after defaults) in exactly the declared fields, as committed', () => {
    expect(specDifferences(defaulted(prod), defaulted(standby.default))).toEqual(standby.serving ? regionFields : standbyFields);
  });

  it('differs from prod in exactly the declared fields while standing by', () => {
    const standing = deriveEnvironment(prod, { ...regionOverrides, ...standbyOverrides });
    expect(specDifferences(defaulted(prod), defaulted(standing))).toEqual(standbyFields);
  });

  it('differs from prod in exactly the region fields once it serves, and then renders', () => {
    const serving = deriveEnvironment(prod, regionOverrides);
    expect(specDifferences(defaulted(prod), defaulted(serving))).toEqual(regionFields);
    expect(() => resolveEnvironment(serving, standbyFile)).not.toThrow();
  });

  it('a difference outside the declared fields is caught', () => {
    const drifted = deriveEnvironment(prod, { ...regionOverrides, scheduling: { zoneSpread: 'preferred' } });
    expect(specDifferences(defaulted(prod), defaulted(drifted))).toEqual([...regionFields, 'scheduling.zoneSpread'].sort());
  });
});

/** Each string value of `from` at a path of `paths`, paired with `to`'s value there (arrays item by item). */
function substitutions(from: unknown, to: unknown, paths: readonly string[]): [string, string][] {
  const at = (spec: unknown, path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], spec);
  const pairs: [string, string][] = [];
  for (const path of paths) {
    const [a, b] = [at(from, path), at(to, path)];
    if (typeof a === 'string' && typeof b === 'string') pairs.push([a, b]);
    if (Array.isArray(a) && Array.isArray(b)) for (const [i, item] of a.entries()) pairs.push([String(item), String(b[i])]);
  }
  // Longest first, so that "vault-prod-eu-west" is replaced before the name inside it.
  return pairs.sort(([x], [y]) => y.length - x.length);
}

/** The objects by kind and name, with the standby's values put back to prod's; config checksums left out, since they hash what was replaced. */
function comparable(objects: readonly Json[], pairs: readonly [string, string][]): Map<string, Json> {
  const byName = new Map<string, Json>();
  for (const object of objects) {
    let text = JSON.stringify(object);
    for (const [from, to] of pairs) text = text.split(from).join(to);
    const copy = JSON.parse(text, (key, value) => (key.startsWith(checksumPrefix) ? '(checksum)' : value)) as { kind: string; metadata: { name: string } };
    byName.set(`${copy.kind}/${copy.metadata.name}`, copy as unknown as Json);
  }
  return byName;
}

describe('the rendered standby differs from prod only where the declared fields reach', () => {
  const prodResolved = resolveEnvironment(prod, 'environments/prod/environment.ts');
  const pairs = substitutions(defaulted(deriveEnvironment(prod, regionOverrides)), defaulted(prod), regionFields);
  const prodObjects = comparable(renderPlain(prodResolved), []);

  it('once it serves: every object is prod’s, with the region values in place of prod’s', () => {
    const serving = comparable(renderPlain(resolveEnvironment(deriveEnvironment(prod, regionOverrides), standbyFile)), pairs);
    expect([...serving.keys()].sort()).toEqual([...prodObjects.keys()].sort());
    for (const [key, object] of serving) expect(object, key).toEqual(prodObjects.get(key));
  });

  it('standing by: exactly the objects of prod without WSO2, with the region values in place of prod’s', () => {
    const standing = deriveEnvironment(prod, { ...regionOverrides, ...standbyOverrides });
    const objects = comparable(renderPlain(resolveEnvironment(standing, standbyFile)), pairs);
    const prodWithoutWso2 = comparable(renderPlain(resolveEnvironment(deriveEnvironment(prod, standbyOverrides), 'environments/prod/environment.ts')), []);
    expect(prodWithoutWso2.size).toBeLessThan(prodObjects.size);
    expect([...objects.keys()].sort()).toEqual([...prodWithoutWso2.keys()].sort());
    for (const [key, object] of objects) expect(object, key).toEqual(prodWithoutWso2.get(key));
  });
});

describe('the standby has an Argo CD Application of its own on the other cluster', () => {
  const committed = (file: string) => YAML.parse(readFileSync(join(repositoryRoot, 'apps/argocd', file), 'utf8'));
  const application = (env: string) => committed(`manifests/application-apim-${env}.yaml`);
  const project = (env: string) => committed(`bootstrap/appproject-apim-${env}.yaml`);

  it('is named for the standby, deploys prod’s namespace to another cluster, and is production', () => {
    const [primary, standing] = [application('prod'), application('prod-eu-west')];
    expect(standing.metadata.name).toBe('apim-prod-eu-west');
    expect(standing.spec.project).toBe('apim-prod-eu-west');
    expect(standing.spec.destination.namespace).toBe(primary.spec.destination.namespace);
    expect(standing.spec.destination.server).not.toBe(primary.spec.destination.server);
    expect(standing.metadata.annotations['apim-gitops.io/production']).toBe('true');
  });

  it('keeps prod’s sync windows, each letting a person sync by hand, so that a failover is never blocked', () => {
    const windows = project('prod-eu-west').spec.syncWindows;
    expect(windows).toEqual(project('prod').spec.syncWindows.map((w: object) => ({ ...w, applications: ['apim-prod-eu-west'] })));
    for (const w of windows) expect(w.manualSync).toBe(true);
  });
});
