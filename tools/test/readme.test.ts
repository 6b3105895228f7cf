import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usage } from '../src/cli';
import { repositoryRoot } from './temp-repository';

const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  nx: { targets: Record<string, unknown> };
};
const cliCommands = [...usage.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!);

// READMEs that nobody checks drift: every command the README tells a user to run must exist.
describe('the README only shows commands that exist', () => {
  it.each([...new Set([...readme.matchAll(/npm run ([a-z-]+)/g)].map((m) => m[1]!))])('npm run %s is a script', (script) => {
    expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it.each([...new Set([...readme.matchAll(/node tools\/bin\/run\.mjs ([a-z][a-z-]*)/g)].map((m) => m[1]!))])('run.mjs %s is a command', (command) => {
    expect(cliCommands).toContain(command);
  });

  it.each([...new Set([...readme.matchAll(/npx nx run ([a-z-]+)(?!:)\b/g)].map((m) => m[1]!))])('npx nx run %s is a root target', (target) => {
    expect(Object.keys(pkg.nx.targets)).toContain(target);
  });

  it('every npm script that runs a tool names a command the CLI has', () => {
    for (const [name, script] of Object.entries(pkg.scripts)) {
      const command = /run\.mjs ([a-z-]+)/.exec(script)?.[1];
      if (command) expect(cliCommands, `npm run ${name}`).toContain(command);
    }
  });

  it('the quick start is the one CI runs', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npx nx run render');
    expect(readFileSync(join(repositoryRoot, '.ci/run'), 'utf8')).toContain('npm test');
  });

  it('CI runs the drift check and the integrity checker on every run, not behind a condition', () => {
    const lines = readFileSync(join(repositoryRoot, '.ci/run'), 'utf8').split('\n');
    for (const command of ['check', 'validate']) {
      const line = lines.findIndex((l) => l.startsWith(`node tools/bin/run.mjs ${command} `));
      expect(line, command).toBeGreaterThan(0);
      // Nothing between the previous step and this command may skip it.
      const since = lines.slice(0, line).map((l) => l.trim());
      const lastStep = since.map((l, i) => (l.startsWith('step ') ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
      expect(
        since.slice(lastStep).some((l) => /^(if|case|\[\[?) /.test(l)),
        command,
      ).toBe(false);
      expect(since.filter((l) => /^if /.test(l)).length, command).toBe(since.filter((l) => /^fi$/.test(l)).length);
    }
  });
});
