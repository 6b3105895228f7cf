import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from '../src/environment-files';
import { parseIndex, renderIndexPath } from '../src/render-index';
import { pipelineKey, pipelineSources } from '../src/render-keys';
import { repositoryRoot, runCli, tempRepo, treeHashes } from './temp-repository';

// Every committed environment, however many the repository holds.
const environments = environmentNames(repositoryRoot).length;
const skipped = new RegExp(
  `rendered 0 environment\\(s\\), 0 objects: 0 file\\(s\\) written, 0 unchanged, 0 pruned; ${environments} environment\\(s\\) and the bases skipped`,
);
const renderedAll = new RegExp(`rendered ${environments} environment\\(s\\), \\d+ objects: \\d+ file\\(s\\) written`);

function render(root: string, ...args: string[]): string {
  const result = runCli(root, ['render', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function indexKeys(root: string): Map<string, string> {
  const index = parseIndex(readFileSync(join(root, renderIndexPath), 'utf8'))!;
  return new Map([...index].map(([unit, entry]) => [unit, entry.key]));
}

describe('render skips what the committed index proves unchanged, and nothing else', () => {
  let repo: ReturnType<typeof tempRepo>;
  afterEach(() => repo?.remove());

  it('a fresh copy of the repository skips the whole render using the committed index, and changes nothing', () => {
    repo = tempRepo();
    const before = treeHashes(repo.root, 'deploy');
    expect(render(repo.root)).toMatch(skipped);
    expect(treeHashes(repo.root, 'deploy')).toEqual(before);
  });

  it('a changed environment file re-renders that environment alone, records its new key, and the next render skips again', () => {
    repo = tempRepo();
    const keys = indexKeys(repo.root);
    const others = treeHashes(repo.root, 'deploy/overlays/prod');
    appendFileSync(join(repo.root, 'environments/dev/environment.ts'), '// a comment changes the key, not the output\n');
    expect(render(repo.root)).toMatch(new RegExp(`rendered 1 environment\\(s\\), \\d+ objects: .*; ${environments - 1} unchanged environment\\(s\\) skipped`));
    const after = indexKeys(repo.root);
    expect(after.get('environment dev')).not.toBe(keys.get('environment dev'));
    expect(after.get('environment prod')).toBe(keys.get('environment prod'));
    expect(after.get('base')).toBe(keys.get('base'));
    expect(treeHashes(repo.root, 'deploy/overlays/prod')).toEqual(others);
    expect(render(repo.root)).toMatch(skipped);
    // What the render skipped is what a full render makes.
    expect(runCli(repo.root, ['check']).status).toBe(0);
  });

  it('an environment skipped without recorded Argo CD facts is rendered in memory for them, and the tree is still whole', () => {
    repo = tempRepo();
    // A cache of its own without recorded facts, as in a fresh clone; the bundles and the rest still shared.
    rmSync(join(repo.root, '.cache'));
    mkdirSync(join(repo.root, '.cache'));
    for (const entry of readdirSync(join(repositoryRoot, '.cache')))
      if (entry !== 'argocd-facts') symlinkSync(join(repositoryRoot, '.cache', entry), join(repo.root, '.cache', entry));
    const file = join(repo.root, 'environments/dev/environment.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("domain: 'dev.apim.example.org'", "domain: 'dev2.apim.example.org'"));
    // Every other environment is rendered too, in memory: its files stay as they are, its facts are recorded.
    const out = render(repo.root);
    expect(out).toMatch(renderedAll);
    expect(out).not.toContain('skipped');
    expect(runCli(repo.root, ['check']).status).toBe(0);
    // With the facts recorded, the next change renders only its environment.
    writeFileSync(file, readFileSync(file, 'utf8').replace("domain: 'dev2.apim.example.org'", "domain: 'dev3.apim.example.org'"));
    expect(render(repo.root)).toMatch(new RegExp(`rendered 1 environment\\(s\\), \\d+ objects: .*; ${environments - 1} unchanged environment\\(s\\) skipped`));
    expect(runCli(repo.root, ['check']).status).toBe(0);
  });

  it('a hand-edited rendered file is not trusted: the render restores it', () => {
    repo = tempRepo();
    const file = join(repo.root, 'deploy/overlays/prod/kustomization.yaml');
    const committed = readFileSync(file, 'utf8');
    writeFileSync(file, committed.replace('namespace: apim-prod', 'namespace: apim-hand-edited'));
    const out = render(repo.root);
    expect(out).toContain('wrote   deploy/overlays/prod/kustomization.yaml');
    expect(readFileSync(file, 'utf8')).toBe(committed);
  });

  it('a generated file the index does not list is not trusted: the render prunes it', () => {
    repo = tempRepo();
    const extra = 'deploy/overlays/dev/configmap-left-over.yaml';
    writeFileSync(join(repo.root, extra), '# Generated by "npx nx run render" from nowhere.\nkind: ConfigMap\n');
    expect(render(repo.root)).toContain(`pruned  ${extra}`);
  });

  it('a generated file outside every part makes the render a full one, which prunes it', () => {
    repo = tempRepo();
    // A copy of a generated file, left beside the tree (a left-over overlay is a removed environment: see environment-removal.test.ts).
    const stray = 'deploy/copy-of-kustomization.yaml';
    writeFileSync(join(repo.root, stray), readFileSync(join(repo.root, 'deploy/overlays/dev/kustomization.yaml')));
    // A hand-written file beside the tree is the user's: it neither stops the skip nor goes.
    writeFileSync(join(repo.root, 'deploy/NOTES.md'), 'notes\n');
    const out = render(repo.root);
    expect(out).toContain(`pruned  ${stray}`);
    expect(out).toMatch(renderedAll);
    expect(render(repo.root)).toMatch(skipped);
    expect(readFileSync(join(repo.root, 'deploy/NOTES.md'), 'utf8')).toBe('notes\n');
  });

  it('a changed source file of the render pipeline changes every key', async () => {
    repo = tempRepo();
    const before = await pipelineKey(repo.root);
    const keys = indexKeys(repo.root);
    appendFileSync(join(repo.root, 'tools/src/render-repository.ts'), '// any change to the code the render runs\n');
    expect(await pipelineKey(repo.root)).not.toBe(before);
    expect(render(repo.root)).toMatch(renderedAll);
    const after = indexKeys(repo.root);
    for (const [unit, key] of keys) expect(after.get(unit), unit).not.toBe(key);
  });

  it("the pipeline's key covers the renderer's and the models' modules, found by esbuild rather than listed", async () => {
    const bundle = await pipelineSources(repositoryRoot);
    expect(bundle.inputs.some((p) => p.endsWith('renderer/src/wso2/gateway.ts'))).toBe(true);
    expect(bundle.inputs.some((p) => p.endsWith('models/src/wso2/spec.ts'))).toBe(true);
    expect(bundle.packages).toContain('kubernetes-models');
  });

  it('--force renders everything although nothing changed', () => {
    repo = tempRepo();
    expect(render(repo.root, '--force')).toMatch(
      new RegExp(`rendered ${environments} environment\\(s\\), \\d+ objects: 0 file\\(s\\) written, \\d+ unchanged`),
    );
  });

  it('check renders everything and fails on a stale index', () => {
    repo = tempRepo();
    const ok = runCli(repo.root, ['check']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/the committed output equals a fresh render \(\d+ files\)/);
    const index = join(repo.root, renderIndexPath);
    writeFileSync(index, readFileSync(index, 'utf8').replace(/^unit [0-9a-f]{32} base$/m, `unit ${'0'.repeat(32)} base`));
    const stale = runCli(repo.root, ['check']);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain(`--- ${renderIndexPath} (differs)`);
    // The render does not trust the changed key either, and puts the index right.
    expect(render(repo.root)).toContain(`wrote   ${renderIndexPath}`);
  });

  it('a render of one environment keeps what the index records of the others', () => {
    repo = tempRepo();
    const keys = indexKeys(repo.root);
    appendFileSync(join(repo.root, 'environments/dev/environment.ts'), '// changed\n');
    render(repo.root, '--env', 'dev');
    const after = indexKeys(repo.root);
    expect(after.get('environment prod')).toBe(keys.get('environment prod'));
    expect(after.get('argocd')).toBe(keys.get('argocd'));
    expect(after.get('environment dev')).not.toBe(keys.get('environment dev'));
  });
});
