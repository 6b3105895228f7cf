import { isSecretLookingKey, isSecretPlaceholder } from '@apim-gitops/models';
import type { Json } from './kube-object';
import type { ObjectIssue } from './render-error';

/**
 * The render-time secret screen: every string that reaches a rendered file is searched for
 * secret-shaped content before anything is written. Secrets reach the cluster only through
 * ExternalSecrets and SealedSecrets; in git they never appear as values.
 */

const advice = 'keep the value in the secret store and reference it (a SecretRef, env valueFrom.secretKeyRef or a $env{…} placeholder)';

/**
 * True for a value that is no secret whatever its key: a placeholder, nothing, a boolean, a table
 * or list opener, or a shell variable (`"$5"`, `$DB_PASSWORD` in a script the pod runs).
 */
export function isHarmlessValue(value: string): boolean {
  const v = value.replace(/\s+#.*$/, '').trim();
  return isSecretPlaceholder(v) || /^(true|false|\[.*\]|\{.*\}|\[|\{|\||>)$/i.test(v) || /^(["']?)\$[A-Za-z0-9_]+\1(\s|;|$)/.test(v);
}

const secretWord = /pass|pwd|secret|token|key|credential/i;

// `key = value` (TOML, properties) or `key: value` (YAML) on one line of a config file.
const assignment = /^[ \t]*["']?([A-Za-z0-9_.-]+)["']?[ \t]*[=:]([^\n]*)$/gm;
// `<password>value</password>` and `password="value"` in XML.
const xmlElement = /<([A-Za-z_][\w.-]*)>([^<]*)<\/\1>/g;
const xmlAttribute = /\s([A-Za-z_][\w.-]*)="([^"]*)"/g;

/** A literal under a secret-looking key inside config text, with the 1-based line it sits on. */
export interface LiteralAssignment {
  readonly line: number;
  readonly key: string;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Secret-looking keys that hold a literal inside config text (deployment.toml, properties, YAML,
 * XML): `password = "hunter2"` is one, `password = "$env{DB_PASSWORD}"` is not.
 */
export function literalAssignments(text: string): LiteralAssignment[] {
  // Every secret-looking key ends in one of these words (see isSecretLookingKey): most strings hold none.
  if (!secretWord.test(text)) return [];
  const found = new Map<string, LiteralAssignment>();
  const patterns = [assignment, ...(text.includes('</') ? [xmlElement] : []), ...(text.includes('="') ? [xmlAttribute] : [])];
  for (const pattern of patterns)
    for (const m of text.matchAll(pattern))
      if (secretWord.test(m[1]!) && isSecretLookingKey(m[1]!) && m[2]!.trim() !== '' && !isHarmlessValue(m[2]!)) {
        const line = lineOf(text, m.index! + (m[0].startsWith('\n') ? 1 : 0));
        found.set(`${line}|${m[1]}`, { line, key: m[1]! });
      }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

const pemPrivateKey = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/;
const jwt = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
const urlCredentials = /\b([a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)?):\/\/([^\s/:@'"]+):([^\s/@'"]+)@/gi;
const passwordParameter = /[?&;]([A-Za-z]*password)=([^&;\s"'<]*)/gi;

// Base64 of "-----BEGIN" at each of the three alignments, as far as it does not depend on the bytes around it.
const base64Begin = ['LS0tLS1CRUdJT', 'LS0tQkVH', 'LS0tLUJFR0lO'];

/** Where some run of base64 in the text (at any alignment) decodes to a PEM private key, or -1. */
export function base64PrivateKeyAt(text: string): number {
  if (!base64Begin.some((marker) => text.includes(marker))) return -1;
  // Keys wrapped over lines are joined first; the index is then that of the first line of the block.
  for (const m of text.matchAll(/[A-Za-z0-9+/=]{60,}(\s*\n\s*[A-Za-z0-9+/=]{4,})*/g)) {
    const run = m[0].replace(/\s+/g, '');
    for (let offset = 0; offset < 4; offset++) if (pemPrivateKey.test(Buffer.from(run.slice(offset), 'base64').toString('latin1'))) return m.index!;
  }
  return -1;
}

/** One secret-shaped thing in a string: what it is, and where it starts. */
export interface SecretShape {
  readonly index: number;
  readonly message: string;
}

/** What is secret-shaped in one string, whatever field holds it. */
export function secretShapes(text: string): SecretShape[] {
  const found: SecretShape[] = [];
  const pem = text.includes('PRIVATE KEY') ? text.search(pemPrivateKey) : -1;
  if (pem >= 0) found.push({ index: pem, message: `holds a PEM private key: ${advice}` });
  const token = text.includes('eyJ') ? text.search(jwt) : -1;
  if (token >= 0) found.push({ index: token, message: `holds a JSON Web Token: ${advice}` });
  if (text.includes('://') && text.includes('@'))
    for (const m of text.matchAll(urlCredentials))
      if (!isSecretPlaceholder(m[3]!))
        found.push({
          index: m.index!,
          message: `holds credentials in a URL (${m[1]}://${m[2]}:…@): put the password in a Secret and the URL's user-info in a placeholder, or let the client read it from a file`,
        });
  if (text.includes('=') && secretWord.test(text))
    for (const m of text.matchAll(passwordParameter))
      if (m[2] !== '' && !isSecretPlaceholder(m[2]!)) found.push({ index: m.index!, message: `holds a literal "${m[1]}=" URL parameter: ${advice}` });
  const encoded = text.length >= 60 ? base64PrivateKeyAt(text) : -1;
  if (encoded >= 0) found.push({ index: encoded, message: `holds base64 of a PEM private key: ${advice}` });
  return found.sort((a, b) => a.index - b.index);
}

type Plain = { [key: string]: Json };

const isObject = (value: Json): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A field path as segments, joined only for a finding: `a.b[0].c`, keys with dots kept as users read them (`data.deployment.toml`). */
type Segments = (string | number)[];

function pathOf(segments: Segments): string {
  let path = '';
  for (const s of segments) path = typeof s === 'number' ? `${path}[${s}]` : path ? `${path}.${s}` : s;
  return path;
}

type Add = (segments: Segments, message: string) => void;

// Something every finding needs (a superset, tested once per string): most strings have none of it.
const worthALook = /PRIVATE KEY|eyJ|:\/\/|LS0t|pass|pwd|secret|token|key|credential/i;

function screenString(text: string, at: Segments, add: Add): void {
  if (text.length < 4 || !worthALook.test(text)) return;
  const multiline = text.includes('\n');
  for (const { index, message } of secretShapes(text)) add(at, `${multiline ? `line ${lineOf(text, index)}: ` : ''}${message}`);
  // `-Dpassword=…` in one argument counts as much as `password = "…"` on line 12 of a file.
  for (const { line, key } of literalAssignments(text))
    add(at, `${multiline ? `line ${line}: ` : ''}${JSON.stringify(key)} holds a literal secret value: ${advice}`);
}

/** Container env vars: a secret-looking name must come `valueFrom` a Secret, not hold a `value`. */
function screenEnv(list: Json, at: Segments, add: Add): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') return;
    if (isSecretLookingKey(entry.name) && !isHarmlessValue(entry.value))
      add([...at, i, 'value'], `env var ${JSON.stringify(entry.name)} holds a literal value: use valueFrom.secretKeyRef instead`);
  });
}

/** String maps whose keys name their values (ConfigMap data, labels, annotations): a secret-looking key must not hold a literal. */
function screenKeyedStrings(map: Json, at: Segments, add: Add): void {
  if (!isObject(map)) return;
  for (const [key, value] of Object.entries(map))
    if (typeof value === 'string' && !value.includes('\n') && isSecretLookingKey(key) && !isHarmlessValue(value))
      add([...at, key], `${JSON.stringify(key)} holds a literal secret value: ${advice}`);
}

const imageCredentials = /^[^/\s@]+:[^/\s@]+@/;

/** Walks every value below `value`; `at` is its path, extended and shortened in place. */
function walk(value: Json, at: Segments, add: Add): void {
  if (typeof value === 'string') screenString(value, at, add);
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      walk(value[i]!, at, add);
      at.pop();
    }
  else if (isObject(value))
    for (const key in value) {
      const item = value[key]!;
      at.push(key);
      if (key === 'env') screenEnv(item, at, add);
      else if (key === 'annotations' || key === 'labels') screenKeyedStrings(item, at, add);
      else if (key === 'image' && typeof item === 'string' && imageCredentials.test(item))
        add(at, `holds registry credentials (user:password@) in the image reference: use an imagePullSecret (images.pullSecret) instead`);
      walk(item, at, add);
      at.pop();
    }
}

/**
 * Screens rendered objects (plain JSON) for secret-shaped strings: PEM private keys (also
 * base64-encoded), JWTs, credentials in URLs and `password=` parameters, registry credentials in
 * image references, and secret-looking keys holding literals in env vars, ConfigMap data, labels,
 * annotations and the config text inside ConfigMaps. Returns one issue per finding.
 */
export function screenSecrets(objects: readonly Json[]): ObjectIssue[] {
  const issues: ObjectIssue[] = [];
  for (const object of objects) {
    if (!isObject(object)) continue;
    const metadata = isObject(object.metadata ?? null) ? (object.metadata as Plain) : {};
    const id = `${String(object.kind)}/${String(metadata.name)}`;
    const add: Add = (segments, message) => issues.push({ object: id, path: pathOf(segments), message });
    if (object.kind === 'ConfigMap') screenKeyedStrings(object.data ?? null, ['data'], add);
    walk(object, [], add);
  }
  return issues;
}
