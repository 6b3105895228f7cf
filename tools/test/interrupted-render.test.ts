import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderStateDir, stagingLeftovers } from '@apim-gitops/renderer';
import { kustomizeBuild } from '../src/kubectl';
import { lockFile } from '../src/render-lock';
import type { KillPoint } from './support/killed-render';
import { readRenderedTree, restoreRenderedTree, runAndKill, seededRandom, whichTree } from './support/killed-render';
import { runCli, tempRepo } from './temp-repository';

/** A change that rewrites files in both overlays and the Argo CD manifests, and prunes one. */
function changeManyFiles(root: string): void {
  const edit = (env: string, change: (text: string) => string) => {
    const file = join(root, 'environments', env, 'environment.ts');
    writeFileSync(file, change(readFileSync(file, 'utf8')));
  };
  const registry = (text: string) => text.replace("registry: 'registry.example.org/apim'", "registry: 'mirror.example.org/apim'");
  edit('prod', registry);
  edit('dev', (text) =>
    registry(text)
      .replace("domain: 'dev.apim.example.org'", "domain: 'dev2.apim.example.org'")
      .replace(/\n\s*pullSecret: \{ secretRef: 'registry-pull' \},/, ''),
  );
}

const writerSteps = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('writer: '));

describe('a render killed at any instant leaves the old tree or the new one (invariant 11)', () => {
  let repo: ReturnType<typeof tempRepo>;
  let old: Map<string, string>;
  let fresh: Map<string, string>;
  let staged: number;
  let total: number;

  beforeAll(() => {
    repo = tempRepo();
    old = readRenderedTree(repo.root);
    changeManyFiles(repo.root);
    const full = runCli(repo.root, ['render'], { APIM_WRITER_TRACE: '1' });
    expect(full.status, full.stderr).toBe(0);
    const steps = writerSteps(full.stderr);
    staged = steps.filter((s) => s.startsWith('writer: stage ')).length;
    total = steps.length;
    fresh = readRenderedTree(repo.root);
    restoreRenderedTree(repo.root, old);
  });
  afterAll(() => repo?.remove());

  it('the change rewrites and prunes enough files to make the write window wide', () => {
    expect(staged).toBeGreaterThanOrEqual(25);
    expect([...old.keys()].filter((p) => !fresh.has(p)).length).toBeGreaterThan(0);
  });

  it('after 20 SIGKILLs at chosen steps and random instants, recovery always gives one of the two trees and a tree kustomize builds', async () => {
    const seed = Number(process.env.APIM_KILL_SEED ?? Math.floor(Math.random() * 1e6));
    const random = seededRandom(seed);
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
    const points: KillPoint[] = [
      ...chosen.map((afterStep) => ({ afterStep })),
      // Random instants inside the write window, which lasts about `total` steps of 2 ms pauses.
      ...Array.from({ length: 8 }, () => ({ afterMs: Math.floor(random() * total * 3) })),
    ];
    const started = Date.now();
    const seen: string[] = [];
    for (const [i, at] of points.entries()) {
      if (Date.now() - started > 240_000) break;
      restoreRenderedTree(repo.root, old);
      const run = await runAndKill(repo.root, ['render'], at, 'afterStep' in at ? 0 : 2);
      const context = `seed ${seed}, kill ${i + 1} at ${JSON.stringify(at)}, last step ${run.lastStep}, killed ${run.killed}\n${run.stderr.slice(-2000)}`;
      // Every fourth recovery is a render, the others a check (which leaves the tree as recovery made it).
      const recoverWith = i % 4 === 3 ? 'render' : 'check';
      const recovery = runCli(repo.root, [recoverWith], { APIM_LOCK_WAIT_MS: '0' });
      const which = whichTree(readRenderedTree(repo.root), old, fresh);
      expect(which, `${context}\n${recovery.stderr}`).toMatch(/^(old|new)$/);
      if (recoverWith === 'render') expect(which, context).toBe('new');
      else expect(recovery.status, `${context}\n${recovery.stdout.slice(-500)}${recovery.stderr}`).toBe(which === 'new' ? 0 : 1);
      // Halted exactly after a step: once the journal is written recovery finishes the render; before, it undoes it.
      if ('afterStep' in at && recoverWith === 'check') {
        expect(run.killed, context).toBe(true);
        expect(run.steps, context).toBe(at.afterStep);
        expect(which, context).toBe(at.afterStep <= staged ? 'old' : 'new');
      }
      // A kill that lands after the last step (the staging folder gone, the process on its way out) leaves
      // nothing to recover; one that lands anywhere before it must be reported.
      const afterLastStep = run.lastStep === 'finish 1/1' && !('afterStep' in at);
      if (run.killed && run.steps > 0 && !afterLastStep)
        expect(recovery.stderr, context).toMatch(/(finished|removed the incomplete staging of) an interrupted render/);
      expect(stagingLeftovers(repo.root), context).toEqual([]);
      expect(existsSync(join(repo.root, lockFile)), context).toBe(false);
      expect(
        [...readRenderedTree(repo.root).keys()].filter((p) => p.endsWith('.tmp') || p.includes(renderStateDir)),
        context,
      ).toEqual([]);
      for (const env of ['dev', 'prod']) expect(kustomizeBuild(repo.root, `deploy/overlays/${env}`).length, `${context}: ${env}`).toBeGreaterThan(10);
      seen.push(`${run.killed ? `killed after ${run.lastStep ?? 'no step'}` : 'finished'}, ${recoverWith} → ${which}`);
    }
    console.log(`interrupted renders (seed ${seed}):\n  ${seen.join('\n  ')}`);
    expect(seen.length).toBeGreaterThanOrEqual(12);
    expect(seen.filter((s) => s.startsWith('killed')).length).toBeGreaterThanOrEqual(10);
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
