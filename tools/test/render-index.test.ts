import { describe, expect, it } from 'vitest';
import { formatIndex, parseIndex, textHash } from '../src/render-index';

describe('the render index text', () => {
  const files = new Map([
    ['deploy/base/wso2/a.yaml', 'a\n'],
    ['deploy/overlays/dev/kustomization.yaml', 'k\n'],
    ['deploy/overlays/dev/patches/b c.yaml', 'b\n'],
  ]);
  const keys = new Map([
    ['base', '0123456789abcdef0123456789abcdef'],
    ['environment dev', 'fedcba9876543210fedcba9876543210'],
  ]);

  it('reads back what it writes: each unit with its key and each file with its hash, spaces in paths kept', () => {
    const index = parseIndex(formatIndex(keys, files))!;
    expect([...index.keys()]).toEqual(['base', 'environment dev']);
    expect(index.get('environment dev')!.key).toBe('fedcba9876543210fedcba9876543210');
    expect([...index.get('environment dev')!.files]).toEqual([
      ['deploy/overlays/dev/kustomization.yaml', textHash('k\n')],
      ['deploy/overlays/dev/patches/b c.yaml', textHash('b\n')],
    ]);
  });

  it.each([
    ['a hash with a capital letter', (t: string) => t.replace('unit 0123', 'unit 0A23')],
    ['a short hash', (t: string) => t.replace(/^(file [0-9a-f]{31})[0-9a-f]/m, '$1')],
    ['a file before any unit', (t: string) => t.replace(/^unit .* base$/m, '')],
    ['a line of another kind', (t: string) => `${t}files 0123456789abcdef0123456789abcdef x\n`],
    ['no path after the hash', (t: string) => t.replace(/^(file [0-9a-f]{32}) .*$/m, '$1 ')],
    ['no generated header', (t: string) => t.replace(/^# Generated[^\n]*\n/, '')],
  ])('is not trusted at all with %s', (_what, damage) => {
    const text = formatIndex(keys, files);
    expect(damage(text)).not.toBe(text);
    expect(parseIndex(damage(text))).toBeUndefined();
  });
});
