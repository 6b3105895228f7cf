/**
 * Semantic diff of built Kubernetes objects, environment by environment: which objects were added
 * or removed, and which fields of the others changed, with their old and new values. Pure: objects
 * in, summary out; the diff command supplies the objects and prints the summary.
 */

import { structuredPatch } from 'diff';

/** A JSON value as kustomize emits it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One changed leaf (or a subtree that appeared or vanished). `undefined` means absent on that side. */
export interface FieldChange {
  /** Dotted path with indices in brackets, e.g. `spec.data[0].remoteRef.key`. */
  readonly path: string;
  readonly before: JsonValue | undefined;
  readonly after: JsonValue | undefined;
  /**
   * For a multi-line string (a deployment.toml, a properties or XML file in a ConfigMap): the
   * changed lines as unified-diff hunks (`@@ … @@`, then ` `, `-` and `+` lines), so a reviewer
   * sees the one line that changed rather than two elided blobs.
   */
  readonly lines?: readonly string[];
}

/** What changed in one environment. */
export interface EnvironmentDiff {
  readonly env: string;
  /** `added`/`removed` when the environment exists on one side only. */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** `Kind/name` of objects only the new side has. */
  readonly added: readonly string[];
  /** `Kind/name` of objects only the old side has. */
  readonly removed: readonly string[];
  readonly changed: readonly { readonly object: string; readonly fields: readonly FieldChange[] }[];
}

/** The whole rendered diff. */
export interface DiffSummary {
  readonly environments: readonly EnvironmentDiff[];
}

type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };

/** `Kind/name`, with the namespace when one is set, as reviewers know the object. */
export function objectKey(object: unknown): string {
  const o = object as Manifest;
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind ?? '?'}/${ns}${o.metadata?.name ?? '?'}`;
}

function isRecord(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  // Keys such as `app.kubernetes.io/name` are quoted so the path stays unambiguous.
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key);
  return plain ? (parent ? `${parent}.${key}` : key) : `${parent}[${JSON.stringify(key)}]`;
}

/** Lines of context around each change in an embedded file's diff. */
export const contextLines = 2;

/** Unified-diff hunks between two texts, without file headers. */
export function lineDiff(before: string, after: string, context = contextLines): string[] {
  const patch = structuredPatch('before', 'after', before, after, '', '', { context });
  return patch.hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.filter((l) => !l.startsWith('\\'))]);
}

/**
 * The key a list is matched by: `name`, when every item on both sides is an object with a string
 * `name` and no name repeats on a side (containers, env, volumes, ports, rules, …). Otherwise the
 * list is compared by position.
 */
function namedItems(list: readonly JsonValue[]): Map<string, JsonValue> | undefined {
  const byName = new Map<string, JsonValue>();
  for (const item of list) {
    const name = isRecord(item) ? item.name : undefined;
    if (typeof name !== 'string' || byName.has(name)) return undefined;
    byName.set(name, item);
  }
  return byName;
}

function namedPath(parent: string, name: string): string {
  return `${parent}[name=${/^[\w.-]+$/.test(name) ? name : JSON.stringify(name)}]`;
}

/** Field-level changes between two JSON values, in a stable order (keys sorted; named list items by name). */
export function diffFields(before: JsonValue | undefined, after: JsonValue | undefined, path = ''): FieldChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffFields(before[k], after[k], childPath(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const old = before.length > 0 || after.length > 0 ? namedItems(before) : undefined;
    const now = old ? namedItems(after) : undefined;
    if (old && now) {
      // Matched by name: removing one item is one removal, not a change to every item after it.
      const changes: FieldChange[] = [];
      for (const [name, item] of now) changes.push(...diffFields(old.get(name), item, namedPath(path, name)));
      for (const [name, item] of old) if (!now.has(name)) changes.push({ path: namedPath(path, name), before: item, after: undefined });
      const kept = [...now.keys()].filter((n) => old.has(n));
      const was = [...old.keys()].filter((n) => now.has(n));
      if (kept.join('\0') !== was.join('\0')) changes.push({ path: `${path}(order)`, before: was, after: kept });
      return changes;
    }
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffFields(before[i], after[i], childPath(path, i)));
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (typeof before === 'string' && typeof after === 'string' && (before.includes('\n') || after.includes('\n')))
    return [{ path: path || '(root)', before, after, lines: lineDiff(before, after) }];
  return [{ path: path || '(root)', before, after }];
}

/** Compares one environment's objects on both sides (either side may be missing). */
export function diffEnvironment(env: string, before: readonly unknown[] | undefined, after: readonly unknown[] | undefined): EnvironmentDiff {
  const old = new Map((before ?? []).map((o) => [objectKey(o), o as JsonValue]));
  const now = new Map((after ?? []).map((o) => [objectKey(o), o as JsonValue]));
  const added = [...now.keys()].filter((k) => !old.has(k)).sort();
  const removed = [...old.keys()].filter((k) => !now.has(k)).sort();
  const changed = [...now.keys()]
    .filter((k) => old.has(k))
    .sort()
    .map((object) => ({ object, fields: diffFields(old.get(object), now.get(object)) }))
    .filter((c) => c.fields.length > 0);
  const status =
    before === undefined ? 'added' : after === undefined ? 'removed' : added.length + removed.length + changed.length > 0 ? 'changed' : 'unchanged';
  return { env, status, added, removed, changed };
}

/** Diffs every environment present on either side, sorted by name. */
export function diffEnvironments(before: ReadonlyMap<string, readonly unknown[]>, after: ReadonlyMap<string, readonly unknown[]>): DiffSummary {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return { environments: names.map((n) => diffEnvironment(n, before.get(n), after.get(n))) };
}

/** Values longer than this are elided in the summary; the full text is in the rendered files. */
export const maxValueLength = 60;

/** Single-line strings without blanks up to this length (image references, URLs) are shown whole. */
export const maxWordLength = 512;

/**
 * A value as one short line: strings quoted, absent as `(none)`; image references and other
 * single words are shown whole, other long values elided in the middle with their size.
 */
export function formatValue(value: JsonValue | undefined, max = maxValueLength): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  if (text.length <= max) return text;
  if (typeof value === 'string' && !/\s/.test(value) && value.length <= maxWordLength) return text;
  const lines = typeof value === 'string' ? value.split('\n').length : 0;
  const what = lines > 1 ? `${lines} lines, ${text.length} chars` : `${text.length} chars`;
  const keep = Math.floor((max - 5) / 2);
  return `${text.slice(0, keep)} … ${text.slice(-keep)} (${what})`;
}

/** How an embedded file's change is summarised on its field's line; the lines follow. */
function linesLabel(f: FieldChange): string {
  const count = (v: JsonValue | undefined) => (typeof v === 'string' ? v.split('\n').length : 0);
  const removed = f.lines!.filter((l) => l.startsWith('-')).length;
  const added = f.lines!.filter((l) => l.startsWith('+')).length;
  return `${count(f.before)} → ${count(f.after)} lines, ${removed} removed, ${added} added:`;
}

function counts(summary: DiffSummary): string {
  const changed = summary.environments.filter((e) => e.status !== 'unchanged').length;
  const objects = summary.environments.reduce((n, e) => n + e.added.length + e.removed.length + e.changed.length, 0);
  return `${changed} of ${summary.environments.length} environment(s) changed, ${objects} object(s) differ`;
}

/** Names of the environments the change removes; the Argo CD folders (`(argocd)`, …) are not environments. */
export function removedEnvironments(summary: DiffSummary): string[] {
  return summary.environments.filter((e) => e.status === 'removed' && !e.env.startsWith('(')).map((e) => e.env);
}

/** The warning a reviewer must not miss: the root Application prunes the environment's Application, whose finalizer deletes what it runs. */
export function removalWarning(env: string): string {
  return `!! environment ${env} is removed: Argo CD will delete everything it runs`;
}

/** Removed environments first, then the rest in name order. */
function removedFirst(summary: DiffSummary): EnvironmentDiff[] {
  const removed = new Set(removedEnvironments(summary));
  return [...summary.environments.filter((e) => removed.has(e.env)), ...summary.environments.filter((e) => !removed.has(e.env))];
}

/** The summary as plain text for a terminal, one line per object and per field; removed environments first and loudly. */
export function formatSummary(summary: DiffSummary): string {
  const lines: string[] = removedEnvironments(summary).map(removalWarning);
  for (const e of removedFirst(summary)) {
    if (e.status === 'unchanged') {
      lines.push(`${e.env}: unchanged`);
      continue;
    }
    lines.push(
      `${e.env}: ${e.status === 'changed' ? '' : `environment ${e.status}, `}${e.added.length} added, ${e.removed.length} removed, ${e.changed.length} changed`,
    );
    for (const o of e.added) lines.push(`  + ${o}`);
    for (const o of e.removed) lines.push(`  - ${o}`);
    for (const c of e.changed) {
      lines.push(`  ~ ${c.object}`);
      for (const f of c.fields)
        if (f.lines) lines.push(`      ${f.path}: ${linesLabel(f)}`, ...f.lines.map((l) => `        ${l}`));
        else lines.push(`      ${f.path}: ${formatValue(f.before)} → ${formatValue(f.after)}`);
    }
  }
  lines.push(`diff: ${counts(summary)}`);
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/`/g, 'ˋ');
}

/** The most a PR comment may hold is 65,536 characters; the Markdown stays below with room for the flow matrix. */
export const maxMarkdownLength = 60_000;

/** A code fence longer than any run of backticks in `text`. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/**
 * The summary as Markdown for a pull-request comment: removed environments first and loudly, then
 * one section per changed environment: a table of the changed fields and a `diff` block per changed
 * embedded file. Longer than `limit`, it is cut at a line and ends with `truncatedNote`.
 */
export function formatMarkdown(summary: DiffSummary, baseLabel = 'base', options: { readonly limit?: number; readonly truncatedNote?: string } = {}): string {
  const warnings = removedEnvironments(summary).flatMap((env) => [`> **${removalWarning(env)}**`, '']);
  const lines: string[] = [...warnings, '## Rendered diff', '', `Against \`${baseLabel}\`: ${counts(summary)}.`];
  const unchanged = summary.environments.filter((e) => e.status === 'unchanged').map((e) => e.env);
  for (const e of removedFirst(summary).filter((x) => x.status !== 'unchanged')) {
    lines.push('', `### ${e.env}${e.status === 'changed' ? '' : ` (environment ${e.status})`}`, '');
    for (const o of e.added) lines.push(`- added \`${o}\``);
    for (const o of e.removed) lines.push(`- removed \`${o}\``);
    if (e.changed.length > 0) {
      if (e.added.length + e.removed.length > 0) lines.push('');
      lines.push('| object | field | before | after |', '|---|---|---|---|');
      const files: string[] = [];
      for (const c of e.changed)
        for (const f of c.fields) {
          if (f.lines) {
            lines.push(`| \`${cell(c.object)}\` | \`${cell(f.path)}\` | ${cell(linesLabel(f).replace(/:$/, ''))}, below | |`);
            const body = f.lines.join('\n');
            files.push('', `\`${c.object}\` \`${f.path}\`:`, '', `${fence(body)}diff`, body, fence(body));
          } else lines.push(`| \`${cell(c.object)}\` | \`${cell(f.path)}\` | \`${cell(formatValue(f.before))}\` | \`${cell(formatValue(f.after))}\` |`);
        }
      lines.push(...files);
    }
  }
  if (unchanged.length > 0) lines.push('', `Unchanged: ${unchanged.join(', ')}.`);
  return capMarkdown(`${lines.join('\n')}\n`, options.limit ?? maxMarkdownLength, options.truncatedNote);
}

/** Cuts `text` at the last whole line that leaves room for the note (closing an open code fence). */
export function capMarkdown(text: string, limit = maxMarkdownLength, note = "The full diff is in the job's artifact."): string {
  if (text.length <= limit) return text;
  const tail = `\n\n> **Cut at ${limit.toLocaleString('en-US')} characters.** ${note}\n`;
  let cut = text.slice(0, Math.max(0, limit - tail.length - 10));
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  // An odd number of fence lines means the cut is inside a code block: close it.
  const fences = cut.split('\n').filter((l) => /^`{3,}/.test(l));
  const open = fences.length % 2 === 1 ? `\n${fences.at(-1)!.replace(/[^`]/g, '')}` : '';
  return `${cut}${open}${tail}`;
}
