import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { renderedDiff } from '../src/diff-command';
import { copyRepository, gitIn } from './temp-repository';

let repo: ReturnType<typeof copyRepository>;
const devFile = () => join(repo.root, 'environments', 'dev', 'environment.ts');
function setDevRefreshInterval(value: string): void {
  const text = readFileSync(devFile(), 'utf8');
  const withField = text.includes('refreshInterval')
    ? text.replace(/refreshInterval: '[^']*'/, `refreshInterval: '${value}'`)
    : text.replace(
        "store: { kind: 'ClusterSecretStore', name: 'vault-dev' },",
        `store: { kind: 'ClusterSecretStore', name: 'vault-dev' },\n    refreshInterval: '${value}',`,
      );
  if (withField === text) throw new Error('the dev environment changed shape: update this test');
  writeFileSync(devFile(), withField);
}

beforeAll(() => {
  repo = copyRepository({ git: true });
  setDevRefreshInterval('5m');
  gitIn(repo.root, 'commit', '--quiet', '-am', 'dev: refresh every 5m');
  setDevRefreshInterval('10m');
});
afterAll(() => repo.remove());

it('the rendered diff names exactly the objects and the field a one-field change touches', async () => {
  const summary = await renderedDiff(repo.root, 'HEAD');
  const changed = summary.environments.filter((e) => e.status !== 'unchanged');
  expect(changed.map((e) => e.env)).toEqual(['dev']);
  const dev = changed[0]!;
  expect(dev.added).toEqual([]);
  expect(dev.removed).toEqual([]);
  expect(dev.changed.length).toBeGreaterThan(0);
  for (const object of dev.changed) {
    expect(object.object).toMatch(/^ExternalSecret\/apim-dev\//);
    expect(object.fields).toEqual([{ path: 'spec.refreshInterval', before: '5m', after: '10m' }]);
  }
  // The temporary worktree is gone afterwards.
  expect(gitIn(repo.root, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
});

it('the diff command writes the Markdown form for a PR comment and exits 0', async () => {
  const markdown = join(repo.root, 'diff.md');
  expect(await main(['diff', '--base', 'HEAD', '--markdown', markdown], repo.root)).toBe(0);
  expect(readFileSync(markdown, 'utf8')).toContain('| `spec.refreshInterval` | `"5m"` | `"10m"` |');
  expect(readFileSync(join(repo.root, 'diff-full.md'), 'utf8')).toBe(readFileSync(markdown, 'utf8'));
});

it('an unknown base revision fails with a clear message', async () => {
  await expect(renderedDiff(repo.root, 'no-such-branch')).rejects.toThrow('--base no-such-branch: not a commit');
});

it('a deleted environment folder tops the text and the Markdown with a warning', async () => {
  const prod = join(repo.root, 'environments', 'prod-eu-west');
  const saved = join(repo.root, '.prod-saved');
  const gitopsFile = join(repo.root, 'apps', 'argocd', 'gitops.ts');
  const gitops = readFileSync(gitopsFile, 'utf8');
  cpSync(prod, saved, { recursive: true });
  rmSync(prod, { recursive: true });
  // Removing an environment also removes its delivery settings, a change to gitops.ts.
  const withoutProd = gitops.replace(/^ {2}clusters: \{ 'prod-eu-west'.*\n/m, '').replace(/^ {4}'prod-eu-west': .*\n/m, '');
  if (withoutProd === gitops) throw new Error('apps/argocd/gitops.ts changed shape: update this test');
  writeFileSync(gitopsFile, withoutProd);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const markdown = join(repo.root, 'diff.md');
    expect(await main(['diff', '--base', 'HEAD', '--markdown', markdown], repo.root)).toBe(0);
    expect(String(log.mock.calls[0]![0]).split('\n')[0]).toBe('!! environment prod-eu-west is removed: Argo CD will delete everything it runs');
    expect(readFileSync(markdown, 'utf8').split('\n')[0]).toBe('> **!! environment prod-eu-west is removed: Argo CD will delete everything it runs**');
  } finally {
    log.mockRestore();
    writeFileSync(gitopsFile, gitops);
    cpSync(saved, prod, { recursive: true });
    rmSync(saved, { recursive: true });
  }
});

it('diff --exit-code exits 1 on a change and --json prints the changes as JSON', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    expect(await main(['diff', '--base', 'HEAD', '--exit-code', '--json'], repo.root)).toBe(1);
    const json = JSON.parse(String(log.mock.calls.at(-1)![0])) as {
      base: string;
      environments: { env: string; status: string; changed: { fields: unknown[] }[] }[];
    };
    expect(json.base).toMatch(/^HEAD \(/);
    const dev = json.environments.find((e) => e.env === 'dev')!;
    expect(dev.status).toBe('changed');
    expect(dev.changed[0]!.fields).toEqual([{ path: 'spec.refreshInterval', before: '5m', after: '10m' }]);
  } finally {
    log.mockRestore();
  }
});

it('diff --exit-code exits 0 when nothing changes', async () => {
  setDevRefreshInterval('5m');
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    expect(await main(['diff', '--base', 'HEAD', '--exit-code'], repo.root)).toBe(0);
  } finally {
    log.mockRestore();
    setDevRefreshInterval('10m');
  }
});
