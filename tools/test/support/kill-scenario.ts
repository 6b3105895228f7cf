import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { renderStateDir, stagingLeftovers } from '@apim-gitops/renderer';
import { kustomizeBuild } from '../../src/kubectl';
import { lockFile } from '../../src/render-lock';
import { runCli, tempRepo } from '../temp-repository';
import type { KillPoint } from './killed-render';
import { readRenderedTree, restoreRenderedTree, runAndKill, whichTree } from './killed-render';

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

/** A scratch repository with a change whose render rewrites many files, and both trees: before and after it. */
export interface KillScenario {
  readonly repo: ReturnType<typeof tempRepo>;
  readonly old: Map<string, string>;
  readonly fresh: Map<string, string>;
  /** Files the render stages before its journal. */
  readonly staged: number;
  /** All of the writer's steps. */
  readonly total: number;
}

/** Renders the change once with the writer's trace on, records both trees and puts the old one back. */
export function killScenario(): KillScenario {
  const repo = tempRepo();
  const old = readRenderedTree(repo.root);
  changeManyFiles(repo.root);
  const full = runCli(repo.root, ['render'], { APIM_WRITER_TRACE: '1' });
  expect(full.status, full.stderr).toBe(0);
  const steps = writerSteps(full.stderr);
  const fresh = readRenderedTree(repo.root);
  restoreRenderedTree(repo.root, old);
  return { repo, old, fresh, staged: steps.filter((s) => s.startsWith('writer: stage ')).length, total: steps.length };
}

/**
 * Puts the old tree back, starts the render, SIGKILLs it at `at`, recovers with `recoverWith` and
 * checks that recovery gave one of the two trees, whole, with nothing left behind. Returns a line
 * saying what happened.
 */
export async function killAndRecover(scenario: KillScenario, at: KillPoint, recoverWith: 'render' | 'check', label: string): Promise<string> {
  const { repo, old, fresh, staged } = scenario;
  restoreRenderedTree(repo.root, old);
  const run = await runAndKill(repo.root, ['render'], at, 'afterStep' in at ? 0 : 2);
  const context = `${label} at ${JSON.stringify(at)}, last step ${run.lastStep}, killed ${run.killed}\n${run.stderr.slice(-2000)}`;
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
  return `${run.killed ? `killed after ${run.lastStep ?? 'no step'}` : 'finished'}, ${recoverWith} → ${which}`;
}
