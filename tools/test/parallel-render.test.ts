import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedEnvironment } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import type { RenderedTree } from '@apim-gitops/renderer';
import { deployRoot, RenderError, renderTree, writeTree } from '@apim-gitops/renderer';
import { loadTemplates, synthesizeSpecs } from '../src/bench';
import { parallelThreshold, renderThreads, renderTreeFast, renderTreeInWorkers, renderTreeLean } from '../src/parallel-render';
import { repositoryRoot, treeHashes } from './temp-repository';

const base = resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource);
let environments: ResolvedEnvironment[];
let serial: RenderedTree;
let parallel: RenderedTree;
let shared: RenderedTree;

beforeAll(async () => {
  const specs = synthesizeSpecs(await loadTemplates(repositoryRoot), 9);
  environments = specs.map((s) => resolveEnvironment(s, `(test) ${s.name}`));
  serial = renderTree(base, environments);
  // Workers only, so that every environment is rendered in a worker thread.
  parallel = await renderTreeInWorkers(repositoryRoot, base, environments, 2, { mainRenders: false, chunkSize: 2 });
  // The default: the main thread renders chunks too while the worker starts.
  shared = await renderTreeInWorkers(repositoryRoot, base, environments, 2, { chunkSize: 1 });
});

/** The same environments with one of them broken after resolution, so that only the renderer can catch it. */
function withBrokenGateway(index: number): ResolvedEnvironment[] {
  return environments.map((env, i) => {
    if (i !== index) return env;
    const broken = structuredClone(env) as { wso2: { gateway: { image: string } } };
    broken.wso2.gateway.image = '';
    return broken as unknown as ResolvedEnvironment;
  });
}

/** Every environment of `tree` reports what the serial render's does: counts, facts, objects and plan. */
function expectSameEnvironments(tree: RenderedTree): void {
  expect([...tree.environments.keys()]).toEqual([...serial.environments.keys()]);
  for (const [name, rendered] of serial.environments) {
    const other = tree.environments.get(name)!;
    expect(other.objectCount, name).toBe(rendered.objectCount);
    expect(other.argoCd, name).toEqual(rendered.argoCd);
    expect(other.objects, name).toEqual(rendered.objects);
    expect(other.plan, name).toEqual(rendered.plan);
  }
}

describe('rendering in worker threads', () => {
  it('gives exactly the files of the serial render, in the same order', () => {
    expect([...parallel.files.keys()]).toEqual([...serial.files.keys()]);
    for (const [path, text] of serial.files) expect(parallel.files.get(path), path).toBe(text);
  });

  it('gives the same files when the main thread and a worker share the chunks', () => {
    expect([...shared.files]).toEqual([...serial.files]);
    expect([...shared.environments.keys()]).toEqual([...serial.environments.keys()]);
  });

  it('reports the same objects, plans and Argo CD facts for every environment', () => {
    expectSameEnvironments(parallel);
  });

  it('in one thread for many environments, keeps only files and facts and renders objects again when read', () => {
    const lean = renderTreeLean(base, environments);
    expect([...lean.files]).toEqual([...serial.files]);
    expectSameEnvironments(lean);
  });

  it('leaves one core to V8 (compilation and garbage collection) and never drops below one thread', () => {
    expect(renderThreads(1)).toBe(1);
    expect(renderThreads(2)).toBe(1);
    expect(renderThreads(4)).toBe(3);
  });

  it('is what renderTreeFast uses from the threshold on, and serial below it', async () => {
    expect(parallelThreshold).toBeGreaterThan(2);
    const fast = await renderTreeFast(repositoryRoot, base, environments, environments.length);
    expect([...fast.files]).toEqual([...serial.files]);
    const few = await renderTreeFast(repositoryRoot, base, environments.slice(0, 2));
    expect([...few.files]).toEqual([...renderTree(base, environments.slice(0, 2)).files]);
  });

  it.each([1, 7])('fails the whole render with the serial error when environment %i fails inside a worker', async (index) => {
    const broken = withBrokenGateway(index);
    let expected: unknown;
    try {
      renderTree(base, broken);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(RenderError);
    const failure = renderTreeInWorkers(repositoryRoot, base, broken, 2, { mainRenders: false, chunkSize: 1 });
    await expect(failure).rejects.toBeInstanceOf(RenderError);
    await expect(failure).rejects.toThrow((expected as Error).message);
    expect((expected as Error).message).toMatch(
      new RegExp(`^${environments[index]!.name}: Deployment/wso2-gateway: spec\\.template\\.spec\\.containers\\[\\d+\\]\\.image: is required`, 'm'),
    );
  });

  it('fails with the serial error when the main thread renders the failing environment', async () => {
    // The worker needs most of a second to start, so the main thread takes the first chunks.
    const broken = withBrokenGateway(0);
    const failure = renderTreeInWorkers(repositoryRoot, base, broken, 2, { chunkSize: 1 });
    await expect(failure).rejects.toBeInstanceOf(RenderError);
    await expect(failure).rejects.toThrow(new RegExp(`^${environments[0]!.name}: Deployment/wso2-gateway: `));
  });

  describe('a failing environment writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apim-parallel-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('leaves a previously written tree untouched', async () => {
      writeTree(dir, serial.files, [deployRoot]);
      const before = treeHashes(dir, deployRoot);
      const changed = withBrokenGateway(8).map((env, i) => (i === 0 ? { ...env, namespace: 'apim-moved' } : env));
      await expect(renderTreeFast(repositoryRoot, base, changed, 2).then((tree) => writeTree(dir, tree.files, [deployRoot]))).rejects.toThrow(/bench-0008: /);
      expect(treeHashes(dir, deployRoot)).toEqual(before);
    });
  });
});
