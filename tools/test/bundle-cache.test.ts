import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { capFolder, pruneBundles, staleBundleAgeMs } from '../bin/bundle-cache.mjs';

describe('the bundle cache stays bounded', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const folder = (name: string, ageMs: number) => {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'cli.mjs'), 'export {};\n');
    const at = (Date.now() - ageMs) / 1000;
    utimesSync(join(dir, name), at, at);
  };

  it('removes old bundle folders no manifest names, and keeps named, young and temporary-but-young ones', () => {
    dir = mkdtempSync(join(tmpdir(), 'apim-bundles-'));
    const old = staleBundleAgeMs + 60_000;
    folder('cli-1-current', old);
    folder('cli-2-scratch-copy', old);
    folder('cli-3-superseded', old);
    folder('cli-4-just-built', 1_000);
    folder('tmp-cli-5-crashed', old);
    folder('tmp-cli-6-building', 1_000);
    writeFileSync(join(dir, 'cli-aaaa.json'), JSON.stringify({ dir: 'cli-1-current' }));
    writeFileSync(join(dir, 'cli-bbbb.json'), JSON.stringify({ dir: 'cli-2-scratch-copy' }));
    expect(pruneBundles(dir).sort()).toEqual(['cli-3-superseded', 'tmp-cli-5-crashed']);
    for (const kept of ['cli-1-current', 'cli-2-scratch-copy', 'cli-4-just-built', 'tmp-cli-6-building']) expect(existsSync(join(dir, kept)), kept).toBe(true);
  });

  it('empties a folder past its cap and leaves one under it', () => {
    dir = mkdtempSync(join(tmpdir(), 'apim-code-cache-'));
    mkdirSync(join(dir, 'v24', 'a'), { recursive: true });
    writeFileSync(join(dir, 'v24', 'a', 'entry'), Buffer.alloc(4096));
    expect(capFolder(dir, 8192)).toBe(false);
    expect(existsSync(dir)).toBe(true);
    writeFileSync(join(dir, 'v24', 'b'), Buffer.alloc(8192));
    expect(capFolder(dir, 8192)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });
});
