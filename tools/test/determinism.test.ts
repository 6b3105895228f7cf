import { afterAll, describe, expect, it } from 'vitest';
import { renderTree } from '@apim-gitops/renderer';
import { loadAllResolved, resolvedBase } from './support/environments';
import { runCli, treeHashes, tempRepo } from './temp-repository';

describe('rendering is deterministic (invariant 2)', () => {
  const repos: { remove: () => void }[] = [];
  afterAll(() => {
    for (const r of repos) r.remove();
  });

  it('rendering twice in one process gives identical files', async () => {
    const first = renderTree(resolvedBase(), await loadAllResolved()).files;
    const second = renderTree(resolvedBase(), [...(await loadAllResolved())].reverse()).files;
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [path, text] of first) expect(second.get(path), path).toBe(text);
  });

  it('renders in other time zones and locales give byte-identical trees', () => {
    const settings = [
      { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
      { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      { TZ: 'America/St_Johns', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    ];
    const trees = settings.map((env) => {
      const repo = tempRepo();
      repos.push(repo);
      const result = runCli(repo.root, ['render'], env);
      expect(result.status, result.stderr).toBe(0);
      return treeHashes(repo.root, 'deploy');
    });
    for (const tree of trees.slice(1)) {
      expect([...tree.keys()].sort()).toEqual([...trees[0]!.keys()].sort());
      for (const [path, text] of trees[0]!) expect(tree.get(path), path).toBe(text);
    }
  });
});
