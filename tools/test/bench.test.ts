import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { changeOne, loadTemplates, machineReference, renderPass, synthesizeSpecs } from '../src/bench';
import { repositoryRoot } from './temp-repository';

const dir = mkdtempSync(join(tmpdir(), 'apim-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the benchmark core writes everything once, nothing on a no-op re-render, and only the changed environment after a change', async () => {
  const specs = synthesizeSpecs(await loadTemplates(repositoryRoot), 2);
  expect(specs.map((s) => [s.name, s.domain])).toEqual([
    ['bench-0000', 'bench-0000.bench.example.org'],
    ['bench-0001', 'bench-0001.bench.example.org'],
  ]);
  expect((await renderPass(repositoryRoot, dir, specs)).written.length).toBeGreaterThan(0);
  expect((await renderPass(repositoryRoot, dir, specs)).written).toEqual([]);
  const changed = (await renderPass(repositoryRoot, dir, changeOne(specs, 1))).written;
  expect(changed.length).toBeGreaterThan(0);
  expect(changed.every((p) => p.startsWith('deploy/overlays/bench-0001/'))).toBe(true);
});

it('measures the machine reference as a positive duration', () => {
  expect(machineReference(10)).toBeGreaterThan(0);
  expect(() => machineReference(1)).not.toThrow();
});
