import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { changeOne, drifted, loadTemplates, machineReference, renderPass, synthesizeSpecs, targetLine } from '../src/bench';
import { renderIndexPath } from '../src/render-index';
import { repositoryRoot } from './temp-repository';

const dir = mkdtempSync(join(tmpdir(), 'apim-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the benchmark core writes everything once, skips everything on a no-op re-render, and renders and writes only the changed environment after a change', async () => {
  const specs = synthesizeSpecs(await loadTemplates(repositoryRoot), 2);
  expect(specs.map((s) => [s.name, s.domain])).toEqual([
    ['bench-0000', 'bench-0000.bench.example.org'],
    ['bench-0001', 'bench-0001.bench.example.org'],
  ]);
  expect((await renderPass(repositoryRoot, dir, specs)).written.length).toBeGreaterThan(0);
  const noop = await renderPass(repositoryRoot, dir, specs);
  expect(noop.written).toEqual([]);
  expect(noop.rendered).toBe(0);
  const changedPass = await renderPass(repositoryRoot, dir, changeOne(specs, 1));
  expect(changedPass.rendered).toBe(1);
  const changed = changedPass.written;
  expect(changed).toContain(renderIndexPath);
  expect(changed.filter((p) => p !== renderIndexPath).length).toBeGreaterThan(0);
  expect(changed.every((p) => p === renderIndexPath || p.startsWith('deploy/overlays/bench-0001/'))).toBe(true);
  // Forced, everything renders again and writes nothing new.
  const forced = await renderPass(repositoryRoot, dir, changeOne(specs, 1), true);
  expect(forced.rendered).toBe(2);
  expect(forced.written).toEqual([]);
});

it('measures the machine reference as a positive duration', () => {
  expect(machineReference(10)).toBeGreaterThan(0);
  expect(() => machineReference(1)).not.toThrow();
});

it('holds each figure to its target, as a ratio to its reference or as an absolute limit', () => {
  const reference = { label: 'node -e 0', ms: 100 };
  expect(targetLine({ label: 'render', ms: 390, reference, maxRatio: 4 })).toBe(
    'target: render: 0.39 s = ×3.90 node -e 0 (0.10 s); held to ≤ ×4 node -e 0: ok',
  );
  expect(targetLine({ label: 'render', ms: 410, reference, maxRatio: 4 })).toMatch(/MISSED$/);
  expect(targetLine({ label: 'nx', ms: 900, reference, maxMs: 800 })).toMatch(/= ×9\.00 node -e 0 \(0\.10 s\); held to ≤ 0\.80 s: MISSED$/);
  expect(drifted(500, 590)).toBe(false);
  expect(drifted(500, 620)).toBe(true);
  expect(drifted(620, 500)).toBe(true);
});
