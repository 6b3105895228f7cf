import { describe, expect, it } from 'vitest';
import type { Json } from '../src';
import { applyPatch, diffJson, guardPositions, jsonEqual } from '../src';

const pairs: [string, Json, Json][] = [
  ['equal documents', { a: 1 }, { a: 1 }],
  ['a changed scalar', { spec: { replicas: 1 } }, { spec: { replicas: 2 } }],
  ['an added key', { a: 1 }, { a: 1, b: { c: [1, 2] } }],
  ['a removed key', { a: 1, b: 2 }, { a: 1 }],
  ['a longer list', { l: [1, 2] }, { l: [1, 2, 3, 4] }],
  ['a shorter list', { l: [1, 2, 3, 4] }, { l: [1] }],
  [
    'a changed item in a list of objects',
    {
      c: [
        { name: 'a', v: 1 },
        { name: 'b', v: 2 },
      ],
    },
    {
      c: [
        { name: 'a', v: 1 },
        { name: 'b', v: 3 },
      ],
    },
  ],
  ['keys needing escapes', { 'a/b': { '~c': 1 } }, { 'a/b': { '~c': 2 } }],
  ['a type change', { a: { b: 1 } }, { a: [1] }],
  ['an emptied map', { a: { b: 1 } }, { a: {} }],
  ['a null value', { a: 1 }, { a: null }],
];

describe('JSON6902 patches between a base object and an environment object', () => {
  it.each(pairs)('%s: applying the diff turns the first document into the second', (_name, from, to) => {
    const ops = diffJson(from, to);
    expect(jsonEqual(applyPatch(from, ops), to)).toBe(true);
  });

  it('equal documents need no operations', () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('a one-field change is one operation on that field', () => {
    expect(diffJson({ spec: { replicas: 1, x: 'y' } }, { spec: { replicas: 3, x: 'y' } })).toEqual([{ op: 'replace', path: '/spec/replicas', value: 3 }]);
  });

  it('escapes "/" and "~" in keys as RFC 6901 says', () => {
    expect(diffJson({ m: { 'a/b~c': 1 } }, { m: { 'a/b~c': 2 } })[0]!.path).toBe('/m/a~1b~0c');
  });

  it('removes trailing list items from the end backwards, so no index shifts', () => {
    expect(diffJson({ l: [1, 2, 3] }, { l: [1] })).toEqual([
      { op: 'remove', path: '/l/2' },
      { op: 'remove', path: '/l/1' },
    ]);
  });
});

describe('guardPositions: positional list paths fail instead of mis-patching', () => {
  const base: Json = {
    spec: {
      containers: [
        {
          name: 'a',
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
        { name: 'b', image: 'b:1' },
      ],
      args: ['--x'],
    },
  };
  const target: Json = {
    spec: {
      containers: [
        {
          name: 'a',
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '3' },
          ],
        },
        { name: 'b', image: 'b:2' },
      ],
      args: ['--y'],
    },
  };

  it('puts one test on the name of every named item a path goes through, before the operations', () => {
    expect(guardPositions(base, diffJson(base, target))).toEqual([
      { op: 'test', path: '/spec/containers/0/name', value: 'a' },
      { op: 'test', path: '/spec/containers/0/env/1/name', value: 'Y' },
      { op: 'test', path: '/spec/containers/1/name', value: 'b' },
      { op: 'replace', path: '/spec/args/0', value: '--y' },
      { op: 'replace', path: '/spec/containers/0/env/1/value', value: '3' },
      { op: 'replace', path: '/spec/containers/1/image', value: 'b:2' },
    ]);
  });

  it('the guarded patch applies to its base and fails on a reordered one', () => {
    const ops = guardPositions(base, diffJson(base, target));
    expect(jsonEqual(applyPatch(base, ops), target)).toBe(true);
    const reordered = structuredClone(base) as { spec: { containers: Json[] } };
    reordered.spec.containers.reverse();
    expect(() => applyPatch(reordered as unknown as Json, ops)).toThrow('test /spec/containers/0/name: expected "a", found "b"');
  });

  it('identifies ExternalSecret data items by secretKey', () => {
    const from: Json = { spec: { data: [{ secretKey: 'tls.crt', remoteRef: { key: 'base/tls' } }] } };
    const to: Json = { spec: { data: [{ secretKey: 'tls.crt', remoteRef: { key: 'dev/tls' } }] } };
    expect(guardPositions(from, diffJson(from, to))[0]).toEqual({ op: 'test', path: '/spec/data/0/secretKey', value: 'tls.crt' });
  });

  it('adds nothing when no path goes through a named item', () => {
    expect(guardPositions({ l: [1, 2] }, diffJson({ l: [1, 2] }, { l: [1] }))).toEqual([{ op: 'remove', path: '/l/1' }]);
  });
});
