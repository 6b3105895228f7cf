import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Json } from '../src';
import { toCanonicalYaml, toCanonicalYamlByLibrary } from '../src';

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
    { a: 'x\ny\n', b: ['p\nq\n', 'r\ns'], c: { d: [] , e: {} } },
    { nested: [[1, 2], [[3]], { a: [{ b: 'c' }] }], empty: [[], {}] },
    { on: 'off', 'yes': ['no', '~', '', ' ', '-', '- a', 'a: b', '#x', 'a #b', "it's", '"q"'] },
    { numbers: [0, -1, 1.5, 1e21, 65535], flags: [true, false, null] },
    { script: 'set -eu\n\nif [ "$a" = "" ]; then\n  echo "x: y"\nfi\n', lead: '  indented\nfirst\n', trail: 'trailing \nspace\n' },
    { long: 'x'.repeat(500), unicode: 'café ✓', tab: 'a\tb', key_with_colon: { 'a:b': 1, 'nginx.ingress.kubernetes.io/affinity': 'cookie' } },
    [{ op: 'replace', path: '/spec/replicas', value: 2 }, { op: 'add', path: '/a/-', value: { b: [1] } }],
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
