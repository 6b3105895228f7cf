import YAML from 'yaml';
import type { Json } from './kube-object';

// Readers look for these first; every other key follows in code-point order, so the order
// never depends on how an object was built.
const leadingKeys = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'spec', 'data'];

const leadingRank = new Map(leadingKeys.map((key, i) => [key, i]));

function rank(key: string): number {
  return leadingRank.get(key) ?? leadingKeys.length;
}

function compareKeys(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The value with every object's keys in canonical order (arrays keep their order: it matters). */
export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort(compareKeys)) sorted[key] = sortKeys(value[key]!);
  return sorted;
}

const documentOptions = { version: '1.1', aliasDuplicateObjects: false } as const;
const stringOptions = { lineWidth: 0, indent: 2, indentSeq: true } as const;

/** The reference serialisation: the `yaml` library end to end. Slow (≈4 ms for a Deployment). */
export function toCanonicalYamlByLibrary(value: Json): string {
  return new YAML.Document(sortKeys(value), documentOptions).toString(stringOptions);
}

// The `yaml` library decides how every scalar is written (YAML 1.1 quoting, block scalars); this
// cache keeps each distinct scalar's text, since label keys and values repeat across objects.
// Strings are keyed by themselves (no key to build per lookup), other scalars by type and text.
const stringCache = new Map<string, string | null>();
const otherCache = new Map<string, string | null>();

// Strings the library always writes as they are: a letter, then letters, digits and `_ . / -`,
// not one of the words YAML 1.1 reads as a boolean or null, and not an exponent such as `e5`
// (the library's 1.1 float allows the digits before it to be left out). Names, hosts, label keys and
// paths are like this, and most of them are new in every environment, so they skip the library
// (and the cache, which they would only fill).
const plainSafe = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const exponent = /^[eE][-+0-9]/;
const yaml11Words = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null']);

/** Whether the library writes this string unquoted and unchanged (a test holds this against it). */
export function isPlainSafe(value: string): boolean {
  return plainSafe.test(value) && !exponent.test(value) && !(value.length <= 5 && yaml11Words.has(value.toLowerCase()));
}

// Multi-line text the library writes as a literal block with the lines as they are: `|` when it
// ends in one newline, `|-` when it ends in none. Config files (deployment.toml, scripts) are
// like this and differ in every environment. Anything else (tabs or other control characters,
// non-ASCII, blanks at a line end, leading blanks or newlines, several final newlines, lines
// starting like a document marker) goes to the library.
const printableLines = /^[\x20-\x7e\n]*$/;
const blockTrouble = /[ ]\n|[ ]$|^[ \n]|\n\n$/;
const documentMarker = /^(%|---|\.\.\.)/m;

/** The library's text for a multi-line string it writes as a plain literal block, else undefined. */
export function literalBlock(value: string): string | undefined {
  if (!value.includes('\n') || !printableLines.test(value) || blockTrouble.test(value) || documentMarker.test(value)) return undefined;
  return value.endsWith('\n') ? `|\n${value.slice(0, -1)}` : `|-\n${value}`;
}

/** How the library writes a scalar on its own, or null when it needs context we do not replicate. */
function scalarText(value: string | number | boolean | null): string | null {
  // Checked before the cache: for the many strings new in every environment, hashing them for a
  // lookup costs more than the check.
  if (typeof value === 'string') {
    const fast = value.length <= 256 && isPlainSafe(value) ? value : literalBlock(value);
    if (fast !== undefined) return fast;
  }
  const scalarCache = typeof value === 'string' ? stringCache : otherCache;
  const key = typeof value === 'string' ? value : `${typeof value}${String(value)}`;
  const cached = scalarCache.get(key);
  if (cached !== undefined) return cached;
  let text: string | null = YAML.stringify(value, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
  // Multi-line text must be a plain `|` or `|-` block; an indentation indicator or a quoted
  // multi-line form depends on the surrounding indentation, so the library writes that document.
  if (text.includes('\n') && !/^\|-?\n/.test(text)) text = null;
  if (scalarCache.size > 100_000) scalarCache.clear();
  scalarCache.set(key, text);
  return text;
}

class NeedsLibrary extends Error {}

// Mapping keys are few and repeat in every object (property names, label keys), and V8 keeps
// their hashes, so for them a cache lookup is cheaper than the plain-string check.
const keyCache = new Map<string, string>();

function keyScalar(key: string): string {
  let text = keyCache.get(key);
  if (text === undefined) {
    text = scalar(key);
    if (text.includes('\n')) throw new NeedsLibrary();
    if (keyCache.size > 100_000) keyCache.clear();
    keyCache.set(key, text);
  }
  return text;
}

function scalar(value: string | number | boolean | null): string {
  const text = scalarText(value);
  if (text === null) throw new NeedsLibrary();
  return text;
}

// The emitters return text and the callers join it with `+=`, which V8 keeps as a rope until the
// file is written; measured faster than pushing pieces to an array and joining them.

/** ` <scalar>\n`, or a block scalar's header and its lines indented to `indent`. */
function emitScalar(value: string | number | boolean | null, indent: string): string {
  const text = scalar(value);
  const newline = text.indexOf('\n');
  if (newline === -1) return ` ${text}\n`;
  let out = ` ${text.slice(0, newline)}\n`;
  for (const line of text.slice(newline + 1).split('\n')) out += line === '' ? '\n' : `${indent}${line}\n`;
  return out;
}

function isEmptyCollection(value: Json): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length === 0;
  for (const _key in value) return false;
  return true;
}

/** The value of a mapping key or sequence item whose line is already started. */
function emitValue(value: Json, indent: string): string {
  if (value === null || typeof value !== 'object') return emitScalar(value, `${indent}  `);
  if (isEmptyCollection(value)) return Array.isArray(value) ? ' []\n' : ' {}\n';
  if (Array.isArray(value)) return `\n${emitSequence(value, `${indent}  `)}`;
  return `\n${emitMapping(value, `${indent}  `, `${indent}  `)}`;
}

function emitMapping(map: { [key: string]: Json }, firstIndent: string, indent: string): string {
  let out = '';
  let prefix = firstIndent;
  // Keys in canonical order, sorted here rather than by copying the whole value first.
  for (const key of Object.keys(map).sort(compareKeys)) {
    out += `${prefix}${keyScalar(key)}:${emitValue(map[key]!, indent)}`;
    prefix = indent;
  }
  return out;
}

function emitSequence(items: Json[], indent: string): string {
  let out = '';
  for (const item of items) {
    out += `${indent}-`;
    if (item !== null && typeof item === 'object' && !isEmptyCollection(item)) {
      // A collection inside a sequence starts on the dash's line, the rest aligned after "- ".
      if (Array.isArray(item)) out += ` ${emitSequence(item, `${indent}  `).slice(indent.length + 2)}`;
      else out += emitMapping(item, ' ', `${indent}  `);
    } else out += emitValue(item, indent);
  }
  return out;
}

/**
 * Canonical YAML for one document: sorted keys, no anchors, no line folding, and YAML 1.1 quoting,
 * so that strings such as `on`, `yes` or `0755` stay strings for kustomize (a YAML 1.1 reader).
 * The `yaml` library writes every scalar; the structure around them (block indentation only) is
 * laid out here because doing it through the library's document model costs ~100× more. A test
 * holds the result byte-identical to `toCanonicalYamlByLibrary` for every rendered object.
 */
export function toCanonicalYaml(value: Json): string {
  const sorted = value;
  try {
    if (sorted === null || typeof sorted !== 'object') return `${scalar(sorted)}\n`;
    if (isEmptyCollection(sorted)) return Array.isArray(sorted) ? '[]\n' : '{}\n';
    return Array.isArray(sorted) ? emitSequence(sorted, '') : emitMapping(sorted, '', '');
  } catch (error) {
    if (error instanceof NeedsLibrary) return toCanonicalYamlByLibrary(value);
    throw error;
  }
}

/** A header and one or more documents, separated by `---`. */
export function toYamlFile(header: string, documents: readonly Json[]): string {
  return header + documents.map(toCanonicalYaml).join('---\n');
}
