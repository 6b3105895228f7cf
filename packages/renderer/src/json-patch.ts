import type { Json } from './kube-object';

/** One RFC 6902 operation, as kustomize's JSON6902 patches take them. */
export type PatchOp =
  | { readonly op: 'add'; readonly path: string; readonly value: Json }
  | { readonly op: 'replace'; readonly path: string; readonly value: Json }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'test'; readonly path: string; readonly value: Json };

function isMap(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** RFC 6901 escaping of one path segment. */
function segment(key: string | number): string {
  if (typeof key === 'number') return String(key);
  const text = key;
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

/** Structural equality of two JSON values (key order ignored). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasOwn.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

// The keys down to the value being compared, unescaped; an operation's path is escaped and
// joined only when the operation is emitted, since most of a walk finds equal values.
type PathStack = (string | number)[];
function pathOf(stack: PathStack, last?: string | number): string {
  let path = '';
  for (const key of stack) path += `/${segment(key)}`;
  return last === undefined ? path : `${path}/${segment(last)}`;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Run = { key: string; start: number; end: number };

function diffMaps(from: { [key: string]: Json }, to: { [key: string]: Json }, stack: PathStack, ops: PatchOp[]): void {
  const fromKeys = Object.keys(from);
  const toKeys = Object.keys(to);
  // Usually the same code built both maps, so they hold the same keys in the same order and
  // nothing is added or removed: walking them side by side needs no lookups.
  const same = sameKeys(fromKeys, toKeys);
  // Keys are visited unsorted; the operations of each differing key are then put in key order,
  // which is what sorting every key first would have given.
  let runs: Run[] | undefined;
  for (const key of fromKeys) {
    const start = ops.length;
    if (!same && !hasOwn.call(to, key)) ops.push({ op: 'remove', path: pathOf(stack, key) });
    else {
      stack.push(key);
      diffInto(from[key]!, to[key]!, stack, ops);
      stack.pop();
    }
    if (ops.length > start) {
      runs ??= [];
      runs.push({ key, start, end: ops.length });
    }
  }
  if (!same)
    for (const key of toKeys) {
      if (hasOwn.call(from, key)) continue;
      const start = ops.length;
      ops.push({ op: 'add', path: pathOf(stack, key), value: to[key]! });
      runs ??= [];
      runs.push({ key, start, end: ops.length });
    }
  if (runs && runs.length > 1) sortRuns(runs, ops);
}

/** Puts the operations of each key's run in key order (runs are contiguous, in visiting order). */
function sortRuns(runs: Run[], ops: PatchOp[]): void {
  const first = runs[0]!.start;
  const sorted = [...runs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (sorted.some((run, i) => run !== runs[i])) {
    const reordered = sorted.flatMap((run) => ops.slice(run.start, run.end));
    ops.splice(first, reordered.length, ...reordered);
  }
}

function diffInto(from: Json, to: Json, stack: PathStack, ops: PatchOp[]): void {
  // Collections are compared by walking them once: equal subtrees simply yield no operations.
  if (from === to) return;
  if (isMap(from) && isMap(to)) {
    diffMaps(from, to, stack, ops);
    return;
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    // Items in the common prefix are patched in place; extra items are appended, missing ones
    // removed from the end backwards, so that no index shifts under a later operation.
    const common = Math.min(from.length, to.length);
    for (let i = 0; i < common; i++) {
      stack.push(i);
      diffInto(from[i]!, to[i]!, stack, ops);
      stack.pop();
    }
    for (let i = common; i < to.length; i++) ops.push({ op: 'add', path: pathOf(stack, '-'), value: to[i]! });
    for (let i = from.length - 1; i >= common; i--) ops.push({ op: 'remove', path: pathOf(stack, i) });
    return;
  }
  if (jsonEqual(from, to)) return;
  ops.push({ op: 'replace', path: pathOf(stack), value: to });
}

/** The operations that turn `from` into `to`; empty when they are equal. */
export function diffJson(from: Json, to: Json): PatchOp[] {
  const ops: PatchOp[] = [];
  diffInto(from, to, [], ops);
  return ops;
}

/**
 * `ops` with a `test` operation in front for every list item they address by position whose item
 * in `from` has a string `name` (or, without one, `secretKey`, as ExternalSecret data items): `{ op: test, path: /spec/template/spec/containers/0/name, value:
 * gateway }`. kustomize applies `test` operations, and a failed one fails the build, so when the
 * base's list is reordered (an item inserted, the order changed by hand) the overlay stops with
 * an error instead of patching another container's image or env var. The tests come first, each
 * once, so they check the base as it is before any operation of the patch changes it.
 */
export function guardPositions(from: Json, ops: readonly PatchOp[]): PatchOp[] {
  const tests: PatchOp[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    const parts = op.path.split('/').slice(1);
    let node: Json | undefined = from;
    let prefix = '';
    for (const part of parts) {
      if (Array.isArray(node)) {
        if (!/^\d+$/.test(part)) break;
        const item: Json | undefined = node[Number(part)];
        // ExternalSecret `data` items have no name; their `secretKey` identifies them.
        const key = isMap(item) ? (typeof item.name === 'string' ? 'name' : typeof item.secretKey === 'string' ? 'secretKey' : undefined) : undefined;
        const name = key ? (item as { [key: string]: Json })[key] : undefined;
        const path = `${prefix}/${part}/${key}`;
        if (typeof name === 'string' && !seen.has(path)) {
          seen.add(path);
          tests.push({ op: 'test', path, value: name });
        }
        node = item;
      } else if (isMap(node)) {
        const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
        node = hasOwn.call(node, key) ? node[key] : undefined;
      } else break;
      prefix += `/${part}`;
    }
  }
  return tests.length > 0 ? [...tests, ...ops] : [...ops];
}

/** Applies operations to a copy of `document` (used by tests and the diff tool, not by kustomize). */
export function applyPatch(document: Json, ops: readonly PatchOp[]): Json {
  let root = structuredClone(document);
  for (const op of ops) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (parts.length === 0) {
      if (op.op === 'remove') throw new Error('cannot remove the document root');
      if (op.op === 'test') {
        if (!jsonEqual(root, op.value)) throw new Error('test /: the document differs');
        continue;
      }
      root = structuredClone(op.value);
      continue;
    }
    // biome-ignore lint/suspicious/noExplicitAny: a patch path walks maps and lists alike
    let parent: any = root;
    for (const part of parts.slice(0, -1)) parent = parent[Array.isArray(parent) ? Number(part) : part];
    const last = parts[parts.length - 1]!;
    if (op.op === 'test') {
      const actual = Array.isArray(parent) ? parent[Number(last)] : parent?.[last];
      if (!jsonEqual(actual, op.value)) throw new Error(`test ${op.path}: expected ${JSON.stringify(op.value)}, found ${JSON.stringify(actual)}`);
      continue;
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (op.op === 'replace') parent[index] = structuredClone(op.value);
      else parent.splice(index, 1);
    } else if (op.op === 'remove') delete parent[last];
    else parent[last] = structuredClone(op.value);
  }
  return root;
}
