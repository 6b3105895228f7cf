import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempRepo } from './temp-repository';

describe('committed equals rendered (invariant 5)', () => {
  let repo: ReturnType<typeof tempRepo>;
  afterEach(() => repo?.remove());

  it('passes on the repository as committed', () => {
    repo = tempRepo();
    const result = runCli(repo.root, ['check']);
    expect(result.stdout + result.stderr).toContain('the committed output equals a fresh render');
    expect(result.status).toBe(0);
  });

  it('fails with a readable diff on a hand-edited rendered file, and passes after a re-render', () => {
    repo = tempRepo();
    const file = join(repo.root, 'deploy/overlays/prod/kustomization.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('namespace: apim-prod', 'namespace: apim-hand-edited'));
    const stale = runCli(repo.root, ['check']);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('--- deploy/overlays/prod/kustomization.yaml (differs)');
    expect(stale.stdout).toContain('-namespace: apim-hand-edited');
    expect(stale.stdout).toContain('+namespace: apim-prod');
    expect(stale.stdout).toContain('run "npx nx run render"');
    expect(runCli(repo.root, ['render']).status).toBe(0);
    expect(runCli(repo.root, ['check']).status).toBe(0);
  });

  it('fails when a rendered file is missing', () => {
    repo = tempRepo();
    unlinkSync(join(repo.root, 'deploy/overlays/dev/kustomization.yaml'));
    const stale = runCli(repo.root, ['check']);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('deploy/overlays/dev/kustomization.yaml (missing)');
  });
});
