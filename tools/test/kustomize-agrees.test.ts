import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Json } from '@apim-gitops/renderer';
import { expectedObjects, renderTree, writeTree } from '@apim-gitops/renderer';
import { kustomizeBuild } from '../src/kubectl';
import { environments, loadAllResolved, resolvedBase } from './support/environments';
import { repositoryRoot } from './temp-repository';

function key(object: Json): string {
  const o = object as { apiVersion: string; kind: string; metadata: { namespace?: string; name: string } };
  return `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function byKey(objects: readonly Json[]): Map<string, Json> {
  return new Map(objects.map((o) => [key(o), o]));
}

describe('Kustomize agrees with the renderer (invariant 1)', () => {
  let dir: string;
  let expected: Map<string, Map<string, Json>>;

  beforeAll(async () => {
    const resolved = await loadAllResolved();
    const tree = renderTree(resolvedBase(), resolved);
    dir = mkdtempSync(join(tmpdir(), 'apim-kustomize-'));
    writeTree(dir, tree.files, ['deploy']);
    // kubectl is looked up only inside the tree it builds: link the repository's installed one in.
    symlinkSync(join(repositoryRoot, '.cache'), join(dir, '.cache'));
    expected = new Map(resolved.map((env) => [env.name, byKey(expectedObjects(env, tree.environments.get(env.name)!.objects))]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds environments to check', () => {
    expect(environments).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  it.each(environments)('%s: kubectl kustomize of the overlay yields exactly the rendered objects', (name) => {
    // kubectl resolves the overlay relative to the scratch tree, never the committed one.
    const built = byKey(kustomizeBuild(dir, `deploy/overlays/${name}`) as Json[]);
    const want = expected.get(name)!;
    expect([...built.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [id, object] of want) expect(built.get(id), id).toEqual(object);
  });

  it.each(environments)('%s: every built object carries the environment namespace', async (name) => {
    const namespace = (await loadAllResolved()).find((e) => e.name === name)!.namespace;
    for (const object of kustomizeBuild(dir, `deploy/overlays/${name}`) as { metadata: { namespace?: string; name: string } }[])
      expect(object.metadata.namespace, object.metadata.name).toBe(namespace);
  });

  it('the committed overlays build with kustomize too', () => {
    for (const name of environments) expect(kustomizeBuild(repositoryRoot, `deploy/overlays/${name}`).length).toBeGreaterThan(0);
  });
});
