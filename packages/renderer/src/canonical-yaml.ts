import YAML from 'yaml';
import type { Json } from './kube-object';

// Readers look for these first; every other key follows in code-point order, so the order
// never depends on how an object was built.
const leadingKeys = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'spec', 'data'];

function rank(key: string): number {
  const index = leadingKeys.indexOf(key);
  return index === -1 ? leadingKeys.length : index;
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

/**
 * Canonical YAML for one document: sorted keys, no anchors, no line folding, and YAML 1.1 quoting,
 * so that strings such as `on`, `yes` or `0755` stay strings for kustomize (a YAML 1.1 reader).
 */
export function toCanonicalYaml(value: Json): string {
  const doc = new YAML.Document(sortKeys(value), { version: '1.1', aliasDuplicateObjects: false });
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}

/** A header and one or more documents, separated by `---`. */
export function toYamlFile(header: string, documents: readonly Json[]): string {
  return header + documents.map(toCanonicalYaml).join('---\n');
}
