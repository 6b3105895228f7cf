import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedMark } from '@apim-gitops/renderer/src/layout';
import type { IndexedUnit } from '../src/render-index';
import { distrust, textHash } from '../src/render-index';
import { UnitStamps } from '../src/unit-stamps';

// One overlay of two generated files, as the index would record it.
const unit = 'environment dev';
const overlay = 'deploy/overlays/dev';
const texts = { [`${overlay}/kustomization.yaml`]: `${generatedMark}\nresources: []\n`, [`${overlay}/patches/a.yaml`]: `${generatedMark}\nkind: A\n` };
const recorded: IndexedUnit = { key: 'k1', files: new Map(Object.entries(texts).map(([path, text]) => [path, textHash(text)])) };

describe('unit stamps never hide a change to a verified part', () => {
  let root: string;
  const past = (path: string) => utimesSync(join(root, path), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    past(path);
  };
  // Every folder's modification time in the past too, as after a render some time ago.
  const settle = () => {
    for (const folder of [overlay, `${overlay}/patches`]) past(folder);
  };
  /** distrust() with the stamps of the last run, saved afterwards like render does. */
  const check = () => {
    const stamps = UnitStamps.load(root);
    const reason = distrust(root, unit, 'k1', recorded, stamps);
    stamps.save();
    return reason;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'apim-unit-stamps-'));
    for (const [path, text] of Object.entries(texts)) write(path, text);
    settle();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a verified part is trusted by stat alone: a content change that keeps every stat is not read', () => {
    expect(check()).toBeUndefined();
    // Same size, same modification time, same inode: only a read would see it, so a trusted stamp shows no file was read.
    const path = join(root, `${overlay}/patches/a.yaml`);
    const before = statSync(path);
    writeFileSync(path, `${generatedMark}\nkind: B\n`);
    utimesSync(path, before.atime, before.mtime);
    expect(UnitStamps.load(root).holds(unit, 'k1', recorded.files)).toBe(true);
    expect(distrust(root, unit, 'k1', recorded)).toBe(`${overlay}/patches/a.yaml was edited`);
  });

  it('an edit, a missing file, a new generated file in a new folder, or another key is seen after a stamp', () => {
    expect(check()).toBeUndefined();
    writeFileSync(join(root, `${overlay}/patches/a.yaml`), `${generatedMark}\nkind: Edited\n`);
    expect(check()).toBe(`${overlay}/patches/a.yaml was edited`);
    write(`${overlay}/patches/a.yaml`, texts[`${overlay}/patches/a.yaml`]!);
    settle();
    expect(check()).toBeUndefined();
    write(`${overlay}/resources/new.yaml`, `${generatedMark}\nkind: New\n`);
    expect(check()).toBe(`${overlay}/resources/new.yaml is not in the index`);
    rmSync(join(root, `${overlay}/resources`), { recursive: true });
    settle();
    expect(check()).toBeUndefined();
    rmSync(join(root, `${overlay}/kustomization.yaml`));
    expect(check()).toBe(`${overlay}/kustomization.yaml is missing`);
    expect(distrust(root, unit, 'k2', recorded, UnitStamps.load(root))).toBe('its inputs changed');
  });

  it('a hand-written file in the part, later made to look generated, is seen', () => {
    write(`${overlay}/patches/notes.yaml`, '# mine\n');
    settle();
    expect(check()).toBeUndefined();
    writeFileSync(join(root, `${overlay}/patches/notes.yaml`), `${generatedMark}\n# now looks generated\n`);
    expect(check()).toBe(`${overlay}/patches/notes.yaml is not in the index`);
  });

  it('a file added to an existing empty subfolder is seen', () => {
    mkdirSync(join(root, `${overlay}/extra`));
    settle();
    past(`${overlay}/extra`);
    expect(check()).toBeUndefined();
    write(`${overlay}/extra/b.yaml`, `${generatedMark}\nkind: B\n`);
    expect(check()).toBe(`${overlay}/extra/b.yaml is not in the index`);
  });

  it('a part changed just now is verified but not stamped, so it is read again next time', () => {
    writeFileSync(join(root, `${overlay}/patches/a.yaml`), texts[`${overlay}/patches/a.yaml`]!);
    expect(check()).toBeUndefined();
    expect(UnitStamps.load(root).holds(unit, 'k1', recorded.files)).toBe(false);
  });
});
