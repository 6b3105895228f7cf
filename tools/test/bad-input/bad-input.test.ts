import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli';
import { makeTempRepository, removeTempRepository, treeHashes } from '../temp-repository';
import { badInputCases } from './cases/all-cases';

/**
 * `render` through the CLI's entry point, in this process, with what it prints to stderr. The
 * cases share one process, so the models, the renderer and the schemas load once instead of once
 * per case (the run.mjs start-up is covered by the tests that spawn it).
 */
async function renderHere(root: string): Promise<{ status: number; stderr: string }> {
  const errors: string[] = [];
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
  });
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return { status: await main(['render'], root), stderr: errors.join('\n') };
  } finally {
    error.mockRestore();
    log.mockRestore();
  }
}

describe('a malformed environment', () => {
  let root: string;
  let committed: Map<string, string>;
  beforeAll(() => {
    root = makeTempRepository();
    committed = treeHashes(root, 'deploy');
  });
  afterAll(() => removeTempRepository(root));

  it('has at least 18 cases with distinct names', () => {
    expect(badInputCases.length).toBeGreaterThanOrEqual(18);
    expect(new Set(badInputCases.map((c) => c.name)).size).toBe(badInputCases.length);
  });

  it.each(badInputCases.map((c) => [c.name, c] as const))(
    'with %s fails the render, names the file and field, and leaves deploy/ untouched',
    async (_name, bad) => {
      const env = bad.env ?? 'dev';
      const originals = new Map<string, string>();
      try {
        for (const [file, edit] of Object.entries(bad.edits)) {
          const path = join(root, 'environments', env, file);
          const source = readFileSync(path, 'utf8');
          originals.set(path, source);
          const broken = edit(source);
          expect(broken, `the edit of ${file} changes nothing`).not.toBe(source);
          writeFileSync(path, broken);
        }
        const { status, stderr } = await renderHere(root);
        expect(status).not.toBe(0);
        const file = bad.file ?? `environments/${env}/environment.ts`;
        const line = stderr.split('\n').find((l) => l.startsWith(`${file}: ${bad.expectPath}: `));
        expect(line, `stderr has no line "${file}: ${bad.expectPath}: …":\n${stderr}`).toBeDefined();
        if (bad.expectMessage) expect(line).toContain(bad.expectMessage);
        expect(treeHashes(root, 'deploy')).toEqual(committed);
      } finally {
        for (const [path, source] of originals) writeFileSync(path, source);
      }
    },
  );
});
