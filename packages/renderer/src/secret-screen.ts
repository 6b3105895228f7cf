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

// `key = value` (TOML, properties) or `key: value` (YAML) on one line of a config file.
const assignment = /^[ \t]*["']?([A-Za-z0-9_.\-]+)["']?[ \t]*[=:][ \t]*(.*?)[ \t]*$/gm;
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
  const found = new Map<string, LiteralAssignment>();
  for (const pattern of [assignment, xmlElement, xmlAttribute])
    for (const m of text.matchAll(pattern))
      if (isSecretLookingKey(m[1]!) && m[2] !== '' && !isHarmlessValue(m[2]!)) {
        const line = lineOf(text, m.index! + (m[0].startsWith('\n') ? 1 : 0));
        found.set(`${line}|${m[1]}`, { line, key: m[1]! });
      }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

const pemPrivateKey = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/;
const jwt = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
const urlCredentials = /\b([a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)?):\/\/([^\s/:@'"]+):([^\s/@'"]+)@/gi;
const passwordParameter = /[?&;]([A-Za-z]*password)=([^&;\s"'<]*)/gi;

/** Where some run of base64 in the text (at any alignment) decodes to a PEM private key, or -1. */
export function base64PrivateKeyAt(text: string): number {
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
  if (text.includes('://'))
    for (const m of text.matchAll(urlCredentials))
      if (!isSecretPlaceholder(m[3]!))
        found.push({ index: m.index!, message: `holds credentials in a URL (${m[1]}://${m[2]}:…@): put the password in a Secret and the URL's user-info in a placeholder, or let the client read it from a file` });
  for (const m of text.matchAll(passwordParameter))
    if (m[2] !== '' && !isSecretPlaceholder(m[2]!)) found.push({ index: m.index!, message: `holds a literal "${m[1]}=" URL parameter: ${advice}` });
  const encoded = text.length >= 60 ? base64PrivateKeyAt(text) : -1;
  if (encoded >= 0) found.push({ index: encoded, message: `holds base64 of a PEM private key: ${advice}` });
  return found.sort((a, b) => a.index - b.index);
}

type Plain = { [key: string]: Json };

const isObject = (value: Json): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `a.b[0].c`: keys with dots stay as they are, as users read them (`data.deployment.toml`). */
function child(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function screenString(text: string, path: string, add: (path: string, message: string) => void): void {
  const multiline = text.includes('\n');
  for (const { index, message } of secretShapes(text)) add(path, `${multiline ? `line ${lineOf(text, index)}: ` : ''}${message}`);
  // `-Dpassword=…` in one argument counts as much as `password = "…"` on line 12 of a file.
  for (const { line, key } of literalAssignments(text)) add(path, `${multiline ? `line ${line}: ` : ''}${JSON.stringify(key)} holds a literal secret value: ${advice}`);
}

/** Container env vars: a secret-looking name must come `valueFrom` a Secret, not hold a `value`. */
function screenEnv(list: Json, path: string, add: (path: string, message: string) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') return;
    if (isSecretLookingKey(entry.name) && !isHarmlessValue(entry.value))
      add(`${child(path, i)}.value`, `env var ${JSON.stringify(entry.name)} holds a literal value: use valueFrom.secretKeyRef instead`);
  });
}

/** String maps whose keys name their values (ConfigMap data, labels, annotations): a secret-looking key must not hold a literal. */
function screenKeyedStrings(map: Json, path: string, add: (path: string, message: string) => void): void {
  if (!isObject(map)) return;
  for (const [key, value] of Object.entries(map))
    if (typeof value === 'string' && !value.includes('\n') && isSecretLookingKey(key) && !isHarmlessValue(value))
      add(child(path, key), `${JSON.stringify(key)} holds a literal secret value: ${advice}`);
}

const imageCredentials = /^[^/\s@]+:[^/\s@]+@/;

function walk(value: Json, path: string, add: (path: string, message: string) => void): void {
  if (typeof value === 'string') screenString(value, path, add);
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, child(path, i), add));
  else if (isObject(value))
    for (const [key, item] of Object.entries(value)) {
      const at = child(path, key);
      if (key === 'env') screenEnv(item, at, add);
      if (key === 'annotations' || key === 'labels') screenKeyedStrings(item, at, add);
      if (key === 'image' && typeof item === 'string' && imageCredentials.test(item))
        add(at, `holds registry credentials (user:password@) in the image reference: use an imagePullSecret (images.pullSecret) instead`);
      walk(item, at, add);
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
    const add = (path: string, message: string) => issues.push({ object: id, path, message });
    if (object.kind === 'ConfigMap') screenKeyedStrings(object.data ?? null, 'data', add);
    walk(object, '', add);
  }
  return issues;
}
