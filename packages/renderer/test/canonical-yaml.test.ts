import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Json } from '../src';
import { isPlainSafe, literalBlock, toCanonicalYaml, toCanonicalYamlByLibrary } from '../src';

describe('canonical YAML', () => {
  // YAML 1.1 readers (kustomize, Go's yaml.v2 users) take these plain scalars as booleans,
  // numbers or null; they must be quoted to stay strings.
  it.each(['on', 'off', 'yes', 'no', 'y', 'n', 'true', 'null', '~', '0755', '1.0', '12:30', '1e3', '0x1F'])('keeps %j a string', (value) => {
    const text = toCanonicalYaml({ value });
    expect(text).not.toMatch(new RegExp(`^value: ${value.replace(/[.*+?^${}()|[\]\\~]/g, '\\$&')}$`, 'm'));
    expect(YAML.parse(text, { version: '1.1' }).value).toBe(value);
  });

  it('puts apiVersion, kind, metadata and spec first and sorts the rest', () => {
    const text = toCanonicalYaml({ zeta: 1, spec: { b: 1, a: 2 }, metadata: { labels: {}, name: 'x' }, kind: 'K', apiVersion: 'v1', alpha: 2 });
    expect(text.split('\n').filter((l) => !l.startsWith(' ') && l)).toEqual(['apiVersion: v1', 'kind: K', 'metadata:', 'spec:', 'alpha: 2', 'zeta: 1']);
    expect(text).toContain('metadata:\n  name: x\n  labels: {}');
    expect(text).toContain('spec:\n  a: 2\n  b: 1');
  });

  it('writes shared objects out in full, never as anchors and aliases', () => {
    const shared = { a: 1 };
    const text = toCanonicalYaml({ x: shared, y: shared });
    expect(text).not.toMatch(/[&*]a\d/);
    expect(YAML.parse(text)).toEqual({ x: { a: 1 }, y: { a: 1 } });
  });

  it('never folds long lines and keeps multi-line strings as blocks', () => {
    const long = 'x'.repeat(300);
    expect(toCanonicalYaml({ long })).toBe(`long: ${long}\n`);
    expect(toCanonicalYaml({ toml: '[server]\nhostname = "a"\n' })).toBe('toml: |\n  [server]\n  hostname = "a"\n');
  });

  it('does not depend on the order keys were inserted in', () => {
    expect(toCanonicalYaml({ b: 1, a: { d: 1, c: 2 } })).toBe(toCanonicalYaml({ a: { c: 2, d: 1 }, b: 1 }));
  });
});

describe('the fast emitter writes exactly what the yaml library writes', () => {
  const tricky: Json[] = [
    { a: 'x\ny\n', b: ['p\nq\n', 'r\ns'], c: { d: [], e: {} } },
    { nested: [[1, 2], [[3]], { a: [{ b: 'c' }] }], empty: [[], {}] },
    { on: 'off', yes: ['no', '~', '', ' ', '-', '- a', 'a: b', '#x', 'a #b', "it's", '"q"'] },
    { numbers: [0, -1, 1.5, 1e21, 65535], flags: [true, false, null] },
    { script: 'set -eu\n\nif [ "$a" = "" ]; then\n  echo "x: y"\nfi\n', lead: '  indented\nfirst\n', trail: 'trailing \nspace\n' },
    { long: 'x'.repeat(500), unicode: 'café ✓', tab: 'a\tb', key_with_colon: { 'a:b': 1, 'nginx.ingress.kubernetes.io/affinity': 'cookie' } },
    [
      { op: 'replace', path: '/spec/replicas', value: 2 },
      { op: 'add', path: '/a/-', value: { b: [1] } },
    ],
  ];
  it.each(tricky.map((t, i) => [i, t] as const))('tricky document %i', (_i, value) => {
    expect(toCanonicalYaml(value)).toBe(toCanonicalYamlByLibrary(value));
  });

  it('for every object of every rendered environment', async () => {
    const { baseEnvironmentSpec, resolveEnvironment } = await import('@apim-gitops/models');
    const { renderPlain } = await import('../src');
    const objects = renderPlain(resolveEnvironment(baseEnvironmentSpec, 'base'));
    expect(objects.length).toBeGreaterThan(40);
    for (const object of objects) expect(toCanonicalYaml(object)).toBe(toCanonicalYamlByLibrary(object));
  });
});

describe('strings written without asking the library', () => {
  const library = (value: string) => YAML.stringify(value, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
  const words = [
    'y',
    'Y',
    'yes',
    'YES',
    'Yes',
    'n',
    'No',
    'true',
    'False',
    'ON',
    'off',
    'null',
    'Null',
    'NULL',
    'yEs',
    'nan',
    'inf',
    'e5',
    'E10',
    'x1',
    'a.b',
    'a/b',
    'a-',
    'a_',
    'a..b',
  ];
  // Characters the fast path accepts (e, n, o, y begin YAML 1.1 numbers and booleans) and some it must refuse.
  const alphabet = ['a', 'e', 'E', 'n', 'o', 'y', 'Y', '0', '9', '_', '.', '/', '-', ':', ' ', '#', '~', "'", '"'];
  const generated = alphabet.flatMap((a) => alphabet.flatMap((b) => alphabet.flatMap((c) => [`${a}${b}${c}`, `${a}${b}`, a])));

  it.each(words)('%j: the fast path and the library agree', (value) => {
    if (isPlainSafe(value)) expect(library(value)).toBe(value);
    expect(toCanonicalYaml({ value })).toBe(toCanonicalYamlByLibrary({ value }));
  });

  it('agrees with the library on every string of up to three characters from an alphabet around the accepted one', () => {
    const accepted = generated.filter(isPlainSafe);
    expect(accepted.length).toBeGreaterThan(100);
    for (const value of accepted) expect(library(value)).toBe(value);
    expect(isPlainSafe('a: b')).toBe(false);
    expect(isPlainSafe('0755')).toBe(false);
  });

  it('agrees with the library on every string of the dev and prod environments', async () => {
    const { resolveEnvironment } = await import('@apim-gitops/models');
    const { renderPlain } = await import('../src');
    const strings = new Set<string>();
    const collect = (value: Json): void => {
      if (typeof value === 'string') strings.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          strings.add(k);
          collect(v);
        }
    };
    for (const name of ['dev', 'prod']) {
      const spec = (await import(`../../../environments/${name}/environment`)).default;
      renderPlain(resolveEnvironment(spec, name)).forEach(collect);
    }
    const fast = [...strings].filter(isPlainSafe);
    expect(fast.length).toBeGreaterThan(200);
    for (const value of fast) expect(library(value)).toBe(value);
    const blocks = [...strings].filter((value) => literalBlock(value) !== undefined);
    expect(blocks.length).toBeGreaterThan(5);
    for (const value of blocks) expect(library(value)).toBe(literalBlock(value));
  });
});

describe('multi-line strings written as literal blocks without asking the library', () => {
  const library = (value: string) => YAML.stringify(value, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
  // Pieces that decide the block's form: blanks and newlines at either end, document markers,
  // comment and mapping indicators, tabs, non-ASCII.
  const pieces = ['a', ' ', '\n', '#', ': ', '-', '---', '...', '%', '\t', 'é', '"', "'", 'x = 1'];

  it('agrees with the library on every string of up to four pieces that holds a newline', () => {
    let accepted = 0;
    const walk = (prefix: string, depth: number): void => {
      if (prefix.includes('\n')) {
        const fast = literalBlock(prefix);
        if (fast !== undefined) {
          accepted++;
          expect(library(prefix), JSON.stringify(prefix)).toBe(fast);
        }
      }
      if (depth < 4) for (const piece of pieces) walk(prefix + piece, depth + 1);
    };
    walk('', 0);
    expect(accepted).toBeGreaterThan(1000);
  });

  it('leaves to the library what needs an indicator, keep chomping or quoting', () => {
    for (const value of [' lead\nx\n', 'x\n\n', 'x \ny\n', 'tab\there\n', '---\nx\n', 'café\nx\n', 'single line']) expect(literalBlock(value)).toBeUndefined();
    expect(literalBlock('a\nb\n')).toBe('|\na\nb');
    expect(literalBlock('a\nb')).toBe('|-\na\nb');
  });
});
