import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagingLeftovers } from '@apim-gitops/renderer';
import type { KillScenario } from './support/kill-scenario';
import { killAndRecover, killScenario } from './support/kill-scenario';
import { readRenderedTree, restoreRenderedTree, runAndKill, whichTree } from './support/killed-render';
import { runCli } from './temp-repository';

// The kills at random instants are in interrupted-render-random.test.ts, so that the two halves run on two workers.
describe('a render killed at any instant leaves the old tree or the new one (invariant 11)', () => {
  let scenario: KillScenario;
  let repo: KillScenario['repo'];
  let old: Map<string, string>;
  let fresh: Map<string, string>;
  let staged: number;

  beforeAll(() => {
    scenario = killScenario();
    ({ repo, old, fresh, staged } = scenario);
  });
  afterAll(() => repo?.remove());

  it('the change rewrites and prunes enough files to make the write window wide', () => {
    expect(staged).toBeGreaterThanOrEqual(25);
    expect([...old.keys()].filter((p) => !fresh.has(p)).length).toBeGreaterThan(0);
  });

  it('after SIGKILLs at 12 chosen steps, recovery always gives one of the two trees and a tree kustomize builds', async () => {
    const { total } = scenario;
    // Steps: staging (first, middle, last), the journal, moving files (first, middle, last), the prune, the end.
    const chosen = [
      1,
      2,
      Math.floor(staged / 2),
      staged - 1,
      staged,
      staged + 1,
      staged + 2,
      staged + Math.floor(staged / 2),
      2 * staged,
      2 * staged + 1,
      total - 1,
      total,
    ];
    const seen: string[] = [];
    for (const [i, afterStep] of chosen.entries()) {
      // Every fourth recovery is a render, the others a check (which leaves the tree as recovery made it).
      seen.push(await killAndRecover(scenario, { afterStep }, i % 4 === 3 ? 'render' : 'check', `kill ${i + 1}`));
    }
    console.log(`interrupted renders at chosen steps:\n  ${seen.join('\n  ')}`);
    expect(seen.filter((s) => s.startsWith('killed')).length).toBe(chosen.length);
    expect(seen.some((s) => s.endsWith('check → old'))).toBe(true);
    expect(seen.some((s) => s.endsWith('check → new'))).toBe(true);
  }, 300_000);

  it('check fails, naming the reason, while a staging folder cannot be resolved, and passes once it can', () => {
    restoreRenderedTree(repo.root, fresh);
    const id = '.render/staging/999-manual-0';
    mkdirSync(join(repo.root, id, 'files/deploy/overlays/dev'), { recursive: true });
    writeFileSync(join(repo.root, id, 'files/deploy/overlays/dev/kustomization.yaml'), fresh.get('deploy/overlays/dev/kustomization.yaml')!);
    writeFileSync(
      join(repo.root, id, 'journal.json'),
      JSON.stringify({ version: 1, write: ['deploy/overlays/dev/kustomization.yaml'], prune: [], scopes: ['deploy'] }),
    );
    // Someone put a hand-written file where the interrupted render was going to move its own.
    writeFileSync(join(repo.root, 'deploy/overlays/dev/kustomization.yaml'), '# mine\n');
    const blocked = runCli(repo.root, ['check'], { APIM_LOCK_WAIT_MS: '0' });
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain(
      `${id}: an interrupted render could not be resolved: deploy/overlays/dev/kustomization.yaml exists and was not made by the renderer (no generated header); move it away, then run the command again to finish the interrupted render`,
    );
    expect(stagingLeftovers(repo.root)).toEqual([id]);
    rmSync(join(repo.root, 'deploy/overlays/dev/kustomization.yaml'));
    const passes = runCli(repo.root, ['check'], { APIM_LOCK_WAIT_MS: '0' });
    expect(passes.status, passes.stdout + passes.stderr).toBe(0);
    expect(stagingLeftovers(repo.root)).toEqual([]);
  });

  it('a check killed while it finishes an interrupted render is finished by the next command', async () => {
    restoreRenderedTree(repo.root, old);
    const render = await runAndKill(repo.root, ['render'], { afterStep: staged + 3 });
    expect(render.killed).toBe(true);
    // The check resumes moving files from the journal and is killed half-way through that.
    const check = await runAndKill(repo.root, ['check'], { afterStep: Math.floor(staged / 2) });
    expect(check.killed, check.stderr).toBe(true);
    expect(stagingLeftovers(repo.root)).toHaveLength(1);
    const again = runCli(repo.root, ['check'], { APIM_LOCK_WAIT_MS: '0' });
    expect(again.stderr).toContain('took over .render/lock from pid');
    expect(again.stderr).toContain('finished an interrupted render from its complete journal');
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(whichTree(readRenderedTree(repo.root), old, fresh)).toBe('new');
    expect(stagingLeftovers(repo.root)).toEqual([]);
  }, 120_000);
});
