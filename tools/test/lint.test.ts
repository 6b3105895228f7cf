import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './temp-repository';

const biome = join(repositoryRoot, 'node_modules', '.bin', 'biome');

function biomeIn(cwd: string, args: string[]) {
  const run = spawnSync(biome, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** A scratch folder with the repository's Biome config and one source file. */
function withSource(text: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'apim-lint-'));
  copyFileSync(join(repositoryRoot, 'biome.jsonc'), join(root, 'biome.jsonc'));
  mkdirSync(join(root, 'packages', 'models', 'src'), { recursive: true });
  writeFileSync(join(root, 'packages', 'models', 'src', 'example.ts'), text);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

describe('npm run lint (Biome)', () => {
  it('passes on the repository as committed', () => {
    const run = biomeIn(repositoryRoot, ['check', '--error-on-warnings']);
    expect(run.status, run.output).toBe(0);
  });

  it('fails on a file that breaks a rule, naming the rule and the file', () => {
    const scratch = withSource(
      'export const values: number[] = [];\nexport function last(): number | undefined {\n  let x;\n  return (x = values.pop());\n}\n',
    );
    try {
      const run = biomeIn(scratch.root, ['check', '--error-on-warnings']);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain('noAssignInExpressions');
      expect(run.output).toContain('packages/models/src/example.ts');
    } finally {
      scratch.remove();
    }
  });

  it('fails on a file that is not formatted', () => {
    const scratch = withSource('export const x = {a:1};\n');
    try {
      const run = biomeIn(scratch.root, ['check', '--error-on-warnings']);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain('format');
    } finally {
      scratch.remove();
    }
  });
});
