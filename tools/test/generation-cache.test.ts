import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Generation } from '../src/generation-cache';
import { cachedGeneration } from '../src/generation-cache';
import { staleSchemaFiles } from '../src/schema-command';
import { schemaFiles } from '../src/spec-schema';
import { repositoryRoot } from './temp-repository';

describe('a generation reused from .cache/generations', () => {
  const root = mkdtempSync(join(tmpdir(), 'apim-generation-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'src'));
  // Written a minute ago: a file changed while the generator runs is not recorded (tested last).
  const write = (path: string, text: string, ago = 60) => {
    writeFileSync(join(root, path), text);
    utimesSync(join(root, path), Date.now() / 1000 - ago, Date.now() / 1000 - ago);
  };
  write('src/a.ts', 'export type A = 1;\n');
  let runs = 0;
  // Stands for a generator: its output is the text of what it reads.
  const generate = async (): Promise<Generation> => {
    runs++;
    return { files: new Map([['out.txt', readFileSync(join(root, 'src/a.ts'), 'utf8')]]), reads: ['src/a.ts'] };
  };
  const output = async (code: string | undefined) => (await cachedGeneration(root, 'test', code, generate)).get('out.txt');

  it('runs the generator once while the code and every file it read are unchanged', async () => {
    expect(await output('code 1')).toBe('export type A = 1;\n');
    expect(await output('code 1')).toBe('export type A = 1;\n');
    expect(runs).toBe(1);
  });

  it('runs it again when a read file changes, the code changes, or a file appears beside a read one', async () => {
    runs = 0;
    write('src/a.ts', 'export type A = 2;\n');
    expect(await output('code 1')).toBe('export type A = 2;\n');
    expect(await output('code 2')).toBe('export type A = 2;\n');
    // A new file where module resolution looks could now be what an import resolves to.
    write('src/a.d.ts', 'export type A = 3;\n');
    await output('code 2');
    await output('code 2');
    expect(runs).toBe(3);
  });

  it('always generates without a code key (a caller that cannot name its code)', async () => {
    runs = 0;
    await output(undefined);
    await output(undefined);
    expect(runs).toBe(2);
  });

  it('generates again when the cache entry is broken', async () => {
    runs = 0;
    await output('code 3');
    writeFileSync(join(root, '.cache/generations/test.json'), '{"code": "code 3", "reads": ');
    expect(await output('code 3')).toBe('export type A = 2;\n');
    expect(runs).toBe(2);
  });

  it('does not record a generation whose read files changed while it ran', async () => {
    runs = 0;
    write('src/a.ts', 'export type A = 4;\n', 0);
    await output('code 4');
    await output('code 4');
    expect(runs).toBe(2);
  });
});

describe('the spec schemas through the cache', () => {
  // A scratch copy of what the schema generation reads, with the committed outputs to compare with.
  const scratch = mkdtempSync(join(tmpdir(), 'apim-schema-cache-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  for (const path of ['packages/models/src', 'packages/models/schema', 'packages/renderer/src/external-dns', 'docs', 'tsconfig.base.json'])
    cpSync(join(repositoryRoot, path), join(scratch, path), { recursive: true });

  it('are current through a cache hit, and stale as soon as a TSDoc changes', async () => {
    expect(await staleSchemaFiles(scratch, 'key')).toEqual([]);
    const cached = await schemaFiles(scratch, 'key');
    expect(cached).toEqual(await schemaFiles(scratch));
    const spec = join(scratch, 'packages/models/src/wso2/spec.ts');
    const text = readFileSync(spec, 'utf8');
    const anchor = 'export interface Wso2KeyManagerSpec extends Wso2ComponentSpec {\n';
    expect(text).toContain(anchor);
    writeFileSync(spec, text.replace(anchor, `${anchor}  /** Entries kept per pod. */\n  readonly scratchEntries?: number;\n`));
    expect(await staleSchemaFiles(scratch, 'key')).toEqual(
      expect.arrayContaining(['packages/models/schema/environment.schema.json', 'docs/environment-reference.md']),
    );
  }, 60_000);
});
