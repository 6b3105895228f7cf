import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { derivedFrom } from '../src/environment-derivation';
import { environmentNames } from '../src/environment-files';
import { renderIndexPath } from '../src/render-index';
import { copyRepository, gitIn, runCli } from './temp-repository';

type Edit = [string, string, string];

// Invariant 8: a one-field change in an environment file changes a few lines of that environment's
// overlay (and those of the environments derived from it, such as prod's standby, which run the
// same values), not files all over the tree. Each row: file, text to replace, replacement.
const edits: [string, Edit][] = [
  ['gateway replica ceiling', ['environments/prod/wso2.ts', 'maxReplicas: 6', 'maxReplicas: 8']],
  ['secret refresh interval', ['environments/prod/environment.ts', "refreshInterval: '15m'", "refreshInterval: '30m'"]],
  ['Axway trace level', ['environments/dev/axway.ts', "traceLevel: 'DEBUG'", "traceLevel: 'INFO'"]],
  ['Axway gateway image tag', ['environments/prod/axway.ts', 'BN0145-prod.42', 'BN0145-prod.43']],
];

describe('small diffs (invariant 8)', () => {
  let repo: ReturnType<typeof copyRepository>;
  afterEach(() => repo?.remove());

  it.each(edits)("a change of the %s touches only that environment's overlay (and its derived ones'), in few lines", (_name, [file, from, to]) => {
    repo = copyRepository({ git: true });
    const path = join(repo.root, file);
    const source = readFileSync(path, 'utf8');
    expect(source.split(from)).toHaveLength(2);
    writeFileSync(path, source.replace(from, to));
    const result = runCli(repo.root, ['render']);
    expect(result.status, result.stderr).toBe(0);
    const env = file.split('/')[1]!;
    const changed = gitIn(repo.root, 'diff', '--numstat', '--', 'deploy', 'apps')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t'))
      .map(([added, removed, name]) => ({ name: name!, lines: Number(added) + Number(removed) }));
    const overlay = changed.filter(({ name }) => name !== renderIndexPath);
    expect(overlay.length).toBeGreaterThan(0);
    // The environment's overlay, and those of the environments derived from it (prod-eu-west from prod).
    const followers = environmentNames(repo.root).filter((other) => derivedFrom(repo.root, other) === env);
    const overlays = [env, ...followers].map((e) => `deploy/overlays/${e}/`);
    for (const { name } of overlay)
      expect(
        overlays.some((o) => name.startsWith(o)),
        name,
      ).toBe(true);
    // A value used in several places (a tag in a container and its checksum) may touch a few files,
    // but never more than a handful of lines each.
    for (const { name, lines } of overlay) expect(lines, name).toBeLessThanOrEqual(12);
    // The render index changes by the keys of the environment, of those derived from it and of the Argo CD
    // objects, and by one hash per changed file.
    const index = changed.find(({ name }) => name === renderIndexPath);
    expect(index?.lines ?? 0).toBeLessThanOrEqual(2 * (overlay.length + overlays.length + 1));
  });
});
