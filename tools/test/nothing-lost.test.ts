import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, treeHashes, tempRepo } from './temp-repository';

describe('nothing is lost (invariant 6)', () => {
  let repo: ReturnType<typeof tempRepo>;
  afterEach(() => repo?.remove());

  it('a failing render leaves every committed file byte-identical', () => {
    repo = tempRepo();
    const before = treeHashes(repo.root, 'deploy');
    const file = join(repo.root, 'environments/dev/environment.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("domain: 'dev.apim.example.org'", "domain: 'Dev Apim'"));
    const result = runCli(repo.root, ['render']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('environments/dev/environment.ts: domain: "Dev Apim" is not a valid DNS name (no spaces allowed)');
    expect(result.stderr).toContain('nothing was written');
    const after = treeHashes(repo.root, 'deploy');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, text] of before) expect(after.get(path), path).toBe(text);
  });

  it('one broken environment blocks the render of every environment', () => {
    repo = tempRepo();
    const before = treeHashes(repo.root, 'deploy');
    writeFileSync(join(repo.root, 'environments/prod/environment.ts'), 'export default 42;\n');
    expect(runCli(repo.root, ['render']).status).toBe(1);
    expect(treeHashes(repo.root, 'deploy')).toEqual(before);
  });

  it('removing something from an environment prunes the files it owned', () => {
    repo = tempRepo();
    const file = join(repo.root, 'environments/dev/environment.ts');
    // An environment without a pull secret no longer needs the registry-pull ExternalSecret.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\s*pullSecret: \{ secretRef: 'registry-pull' \},/, ''));
    const result = runCli(repo.root, ['render']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/pruned\s+deploy\/overlays\/dev\/patches\/externalsecret-registry-pull\.yaml/);
    expect(existsSync(join(repo.root, 'deploy/overlays/dev/patches/externalsecret-registry-pull.yaml'))).toBe(false);
    expect(readFileSync(join(repo.root, 'deploy/overlays/dev/kustomization.yaml'), 'utf8')).toContain('delete-externalsecret-registry-pull.yaml');
  });

  it('a file the renderer does not own is left alone, even inside the rendered tree', () => {
    repo = tempRepo();
    const notes = join(repo.root, 'deploy/overlays/dev/NOTES.md');
    writeFileSync(notes, '# hand-written notes\n');
    expect(runCli(repo.root, ['render']).status).toBe(0);
    expect(readFileSync(notes, 'utf8')).toBe('# hand-written notes\n');
  });

  it('a second render writes nothing', () => {
    repo = tempRepo();
    expect(runCli(repo.root, ['render']).status).toBe(0);
    const again = runCli(repo.root, ['render']);
    expect(again.stdout).toMatch(/ 0 file\(s\) written, \d+ unchanged, 0 pruned/);
  });
});
