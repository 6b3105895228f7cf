import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCycles, undefinedFields } from '../src/load-environment';
import { repositoryRoot, runCli, tempRepo, treeHashes } from './temp-repository';

const devFile = 'environments/dev/environment.ts';

/** environment.ts exports a constant that wso2.ts reads while environment.ts is still importing wso2.ts. */
function circularImport(hostnames: string): Record<string, (s: string) => string> {
  return {
    'environment.ts': (s) =>
      s.replace('export default defineEnvironment({', "export const sharedDomain = 'dev.apim.example.org';\n\nexport default defineEnvironment({"),
    'wso2.ts': (s) =>
      s
        .replace(
          "import type { Wso2Spec } from '@apim-gitops/models';",
          "import type { Wso2Spec } from '@apim-gitops/models';\nimport { sharedDomain } from './environment';",
        )
        .replace('export const wso2: Wso2Spec = {', `export const wso2: Wso2Spec = {\n  hostnames: { ${hostnames} },`),
  };
}

/** Edits to `environments/dev/<file>` → the line the render must print, for loads that never finish or go wrong. */
const cases: { name: string; edits: Record<string, (s: string) => string>; line: string; within?: number }[] = [
  {
    name: 'an endless loop in environment.ts',
    edits: { 'environment.ts': (s) => s.replace('export default', 'while (Date.now() > 0) {}\nexport default') },
    line: `${devFile}: (file): did not finish loading within 1.5 s: an endless loop, or a top-level await that never settles, in it or a file it imports? (APIM_LOAD_TIMEOUT_MS sets the limit)`,
    within: 15_000,
  },
  {
    name: 'a top-level await that never settles in a stack file',
    edits: { 'wso2.ts': (s) => `${s}\nawait new Promise(() => {});\n` },
    line: `${devFile}: (file): did not finish loading within 1.5 s: an endless loop, or a top-level await that never settles, in it or a file it imports? (APIM_LOAD_TIMEOUT_MS sets the limit)`,
    within: 15_000,
  },
  {
    name: 'process.exit() while loading',
    edits: { 'environment.ts': (s) => s.replace('export default', 'process.exit(3);\nexport default') },
    line: `${devFile}: (file): stopped while loading (its thread exited with code 3): does it call process.exit()?`,
  },
  {
    name: 'a circular import that leaves an optional host undefined',
    edits: circularImport('management: sharedDomain'),
    line: `${devFile}: wso2.hostnames.management: is undefined while the environment loads, because of a circular import (environments/dev/environment.ts → environments/dev/wso2.ts → environments/dev/environment.ts): a value read across it is not set yet; move the shared value into a file of its own that both import`,
  },
  {
    name: 'a circular import read inside a template string',
    edits: circularImport('gateway: `api.${sharedDomain}`'),
    line: `${devFile}: wso2.hostnames.gateway: is undefined while the environment loads, because of a circular import`,
  },
];

describe('environment TypeScript loads within a time limit, and what goes wrong is named at the file or field', () => {
  let repo: ReturnType<typeof tempRepo>;
  let committed: Map<string, string>;
  beforeAll(() => {
    repo = tempRepo();
    committed = treeHashes(repo.root, 'deploy');
  });
  afterAll(() => repo?.remove());

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, bad) => {
    const originals = new Map<string, string>();
    try {
      for (const [file, edit] of Object.entries(bad.edits)) {
        const path = join(repo.root, 'environments/dev', file);
        originals.set(path, readFileSync(path, 'utf8'));
        writeFileSync(path, edit(originals.get(path)!));
        expect(readFileSync(path, 'utf8'), `the edit of ${file} changes nothing`).not.toBe(originals.get(path));
      }
      const started = Date.now();
      const result = runCli(repo.root, ['render'], { APIM_LOAD_TIMEOUT_MS: '1500' });
      expect(result.status).toBe(1);
      expect(
        result.stderr.split('\n').some((l) => l.startsWith(bad.line)),
        result.stderr,
      ).toBe(true);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      if (bad.within) expect(Date.now() - started).toBeLessThan(bad.within);
      expect(treeHashes(repo.root, 'deploy')).toEqual(committed);
    } finally {
      for (const [path, text] of originals) writeFileSync(path, text);
    }
  });

  it('the other environments still load after one timed out (the stuck thread is replaced)', () => {
    const path = join(repo.root, 'environments/dev/environment.ts');
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, original.replace('export default', 'while (Date.now() > 0) {}\nexport default'));
      const result = runCli(repo.root, ['render'], { APIM_LOAD_TIMEOUT_MS: '1500' });
      // prod loads after dev: its problems (none) would show if its load failed too.
      expect(result.stderr.split('\n').filter((l) => l.startsWith('environments/'))).toEqual([
        expect.stringContaining(`${devFile}: (file): did not finish loading`),
      ]);
    } finally {
      writeFileSync(path, original);
    }
  });
});

describe('the loader thread', () => {
  it('works whatever module type Node runs its code as (here --input-type=module, inherited by workers)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apim-loader-'));
    try {
      writeFileSync(join(dir, 'data.mjs'), 'export default { name: "x", missing: undefined };\n');
      const script = [
        "import { build } from 'esbuild';",
        `await build({ entryPoints: [${JSON.stringify(join(repositoryRoot, 'tools/src/bounded-import.ts'))}], bundle: true, platform: 'node', format: 'esm', outfile: ${JSON.stringify(join(dir, 'loader.mjs'))}, logLevel: 'error' });`,
        `const { importBounded } = await import(${JSON.stringify(join(dir, 'loader.mjs'))});`,
        `console.log(JSON.stringify(await importBounded(${JSON.stringify(join(dir, 'data.mjs'))}, 5000)));`,
      ].join('\n');
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repositoryRoot, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ kind: 'loaded', hasDefault: true, value: { name: 'x' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the loader helpers', () => {
  it('finds cycles among the repository files only, once each', () => {
    const inputs = {
      'environments/dev/environment.ts': { imports: [{ path: 'environments/dev/wso2.ts' }, { path: 'packages/models/src/index.ts' }] },
      'environments/dev/wso2.ts': { imports: [{ path: 'environments/dev/environment.ts' }] },
      'packages/models/src/index.ts': { imports: [{ path: 'packages/models/src/a.ts' }] },
      'packages/models/src/a.ts': { imports: [{ path: 'packages/models/src/index.ts' }] },
    };
    expect(importCycles(inputs)).toEqual([['environments/dev/environment.ts', 'environments/dev/wso2.ts']]);
    expect(importCycles({ 'environments/dev/environment.ts': { imports: [] } })).toEqual([]);
  });

  it('lists undefined fields and strings that read "undefined", by path', () => {
    expect(undefinedFields({ a: 1, b: undefined, c: { d: ['x', undefined], e: 'am.undefined' }, f: 'undefinedness' })).toEqual(['b', 'c.d[1]', 'c.e']);
  });
});
