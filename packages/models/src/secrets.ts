import type { FieldChecks } from './field-checks';
import { quote } from './spec-error';

/**
 * Points at a Kubernetes Secret that the environment's secret backend fills.
 * It is a name, never a value: values live in the external store or as Sealed Secrets ciphertext.
 * @example { secretRef: 'wso2-apim-db' }
 * @errorMessage must be a secret reference like { secretRef: "<secret name>" }, not a literal value; keep the value in the secret store
 */
export interface SecretRef {
  /**
   * Name of the Secret in the environment's namespace.
   * @format secret-name
   */
  readonly secretRef: string;
}

/** Where the values of an External Secrets store come from. */
export interface SecretStoreRef {
  /** `ClusterSecretStore` (shared by namespaces) or `SecretStore` (in the environment's namespace). */
  readonly kind: 'ClusterSecretStore' | 'SecretStore';
  /**
   * Name of the store object.
   * @format dns-label
   */
  readonly name: string;
}

/** Secrets come from an external store (Vault, AWS Secrets Manager, …) through External Secrets. */
export interface ExternalSecretsBackend {
  readonly provider: 'external-secrets';
  /** The store every ExternalSecret of this environment reads. */
  readonly store: SecretStoreRef;
  /**
   * How often External Secrets re-reads the store.
   * @default "1h"
   * @pattern ^(\d+(h|m|s))+$
   * @errorMessage must be a duration such as "1h" or "30m"
   */
  readonly refreshInterval?: string;
  /**
   * Remote key per Secret name, where it differs from the default `<environment>/<secret name>`.
   * Each key of the Secret is read from the remote key's property of the same name.
   * @default {}
   */
  readonly remoteKeys?: Readonly<Record<string, string>>;
}

/** Secrets are committed encrypted, as Sealed Secrets ciphertext made with `kubeseal --raw`. */
export interface SealedSecretsBackend {
  readonly provider: 'sealed-secrets';
  /** Ciphertext per Secret name and key. Only the in-cluster controller can decrypt it. */
  readonly encryptedData: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * How an environment's Secrets are filled; chosen once per environment.
 * @discriminator provider
 */
export type SecretBackendSpec = ExternalSecretsBackend | SealedSecretsBackend;

/** Kubernetes Secret types the stacks ask for. */
export type SecretType = 'Opaque' | 'kubernetes.io/tls' | 'kubernetes.io/dockerconfigjson';

/** A Secret the rendered objects use, with every key some pod reads from it. */
export interface ResolvedSecret {
  readonly name: string;
  readonly type: SecretType;
  /** Keys, sorted. */
  readonly keys: readonly string[];
  /** Ids of the components that read it, sorted. */
  readonly usedBy: readonly string[];
  /**
   * Keys that hold another key's value in another encoding, by key. External Secrets derives them
   * with a template from the key they come from; Sealed Secrets needs them sealed like any other key.
   */
  readonly derived: Readonly<Record<string, DerivedSecretKey>>;
}

/** A Secret key made from another key of the same Secret. */
export interface DerivedSecretKey {
  /** The key whose value it encodes. */
  readonly from: string;
  /** `url`: percent-encoded for the user-info part of a URL (Go template `urlquery`). */
  readonly encoding: 'url';
}

/** The environment's backend after defaults. */
export type ResolvedSecretBackend =
  | {
      readonly provider: 'external-secrets';
      readonly store: SecretStoreRef;
      readonly refreshInterval: string;
      readonly remoteKeys: Readonly<Record<string, string>>;
    }
  | { readonly provider: 'sealed-secrets'; readonly encryptedData: Readonly<Record<string, Readonly<Record<string, string>>>> };

interface Need {
  type: SecretType;
  keys: Set<string>;
  usedBy: Set<string>;
  path: string;
  derived: Map<string, DerivedSecretKey>;
}

/**
 * Gathers the Secrets that components read while the environment is resolved, so that each is
 * rendered once, with every key, whatever number of components use it.
 */
export class SecretNeeds {
  private readonly needs = new Map<string, Need>();

  constructor(private readonly checks: FieldChecks) {}

  /**
   * Records that `component` reads `keys` from the Secret `ref` names; returns the Secret name
   * (or undefined when the reference itself is malformed, after recording an issue).
   */
  use(path: string, ref: unknown, component: string, keys: readonly string[], type: SecretType = 'Opaque'): string | undefined {
    const name = secretRefName(this.checks, path, ref);
    if (name === undefined) return undefined;
    const need = this.needs.get(name) ?? { type, keys: new Set<string>(), usedBy: new Set<string>(), path, derived: new Map<string, DerivedSecretKey>() };
    if (need.type !== type)
      this.checks.issues.add(`${path}.secretRef`, `${quote(name)} is used as ${type} here but as ${need.type} at ${need.path}; use separate Secrets`);
    for (const key of keys) need.keys.add(key);
    need.usedBy.add(component);
    this.needs.set(name, need);
    return name;
  }

  /** Records that the Secret `name` (already used) also carries `key`, derived from `from`. */
  derive(name: string, key: string, from: string, encoding: DerivedSecretKey['encoding']): void {
    const need = this.needs.get(name);
    if (!need?.keys.has(from)) throw new Error(`unreachable: ${name} has no key ${from} to derive ${key} from`);
    need.keys.add(key);
    need.derived.set(key, { from, encoding });
  }

  resolved(): ResolvedSecret[] {
    return [...this.needs.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, need]) => ({
        name,
        type: need.type,
        keys: [...need.keys].sort(),
        usedBy: [...need.usedBy].sort(),
        derived: Object.fromEntries([...need.derived.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      }));
  }
}

/** The Secret name a `{ secretRef }` gives (the schema has checked its shape and name). */
export function secretRefName(_checks: FieldChecks, _path: string, ref: unknown): string | undefined {
  const name = (ref as Partial<SecretRef> | undefined)?.secretRef;
  return typeof name === 'string' ? name : undefined;
}

// Sealed Secrets ciphertext is base64 of an RSA-OAEP-wrapped session key plus AES-GCM data, so it is
// several hundred characters long. Anything short is a plain value pasted by mistake.
const sealedCiphertext = /^[A-Za-z0-9+/]+={0,2}$/;
const minimumCiphertextLength = 300;

/**
 * Why a value that passes the length test is still no `kubeseal --raw` output, if it is not. The
 * bytes are a 2-byte big-endian length, the session key wrapped with the controller's RSA key
 * (128 to 512 bytes for RSA-1024 to RSA-4096) and AES-GCM data (at least its 16-byte tag), all
 * random-looking: base64 of text (a password, a PEM file) is no encryption.
 */
function notCiphertext(value: string): string | undefined {
  let bytes: string;
  try {
    bytes = atob(value);
  } catch {
    return 'it is not valid base64';
  }
  let printable = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) printable++;
  }
  if (bytes.includes('-----BEGIN') || printable > bytes.length * 0.9) return 'it is base64 of text, not ciphertext';
  const wrappedKey = (bytes.charCodeAt(0) << 8) | bytes.charCodeAt(1);
  if (![128, 256, 384, 512].includes(wrappedKey) || bytes.length < 2 + wrappedKey + 16)
    return `its ${bytes.length} bytes do not start with the length of an RSA-wrapped session key`;
  return undefined;
}

/**
 * The backend after the schema (which checked its shape and applied `refreshInterval` and `remoteKeys`
 * defaults), with the ciphertext check the schema cannot make.
 */
export function resolveSecretBackend(checks: FieldChecks, path: string, spec: SecretBackendSpec): ResolvedSecretBackend {
  if (spec.provider === 'external-secrets')
    return { provider: spec.provider, store: spec.store, refreshInterval: spec.refreshInterval!, remoteKeys: spec.remoteKeys! };
  const s = spec;
  if (checks.object(`${path}.encryptedData`, s.encryptedData)) {
    for (const [name, keys] of Object.entries(s.encryptedData)) {
      if (!checks.object(`${path}.encryptedData.${name}`, keys)) continue;
      for (const [key, value] of Object.entries(keys)) {
        const at = `${path}.encryptedData.${name}.${key}`;
        const why = typeof value !== 'string' || !sealedCiphertext.test(value) || value.length < minimumCiphertextLength ? '' : notCiphertext(value);
        if (why !== undefined)
          checks.issues.add(
            at,
            `does not look like Sealed Secrets ciphertext (make it with "kubeseal --raw"); a plain value must never be committed${why ? ` (${why})` : ''}`,
          );
      }
    }
  }
  return { provider: s.provider, encryptedData: s.encryptedData };
}

/** Checks that a sealed backend carries ciphertext for every key the stacks read. */
export function checkSealedCoverage(checks: FieldChecks, path: string, backend: ResolvedSecretBackend, secrets: readonly ResolvedSecret[]): void {
  if (backend.provider !== 'sealed-secrets') return;
  for (const secret of secrets) {
    const data = backend.encryptedData[secret.name];
    for (const key of secret.keys) {
      if (data?.[key] !== undefined) continue;
      const derived = secret.derived[key];
      const form = derived ? ` (the URL-encoded form of "${derived.from}": seal it with kubeseal --raw like the other keys)` : '';
      checks.issues.add(`${path}.encryptedData.${secret.name}.${key}`, `is missing: ${secret.usedBy.join(', ')} read it${form}`);
    }
  }
}

/** Checks that `remoteKeys` names only Secrets the environment uses (a typo would silently fall back to the default key). */
export function checkRemoteKeys(checks: FieldChecks, path: string, backend: ResolvedSecretBackend, secrets: readonly ResolvedSecret[]): void {
  if (backend.provider !== 'external-secrets') return;
  const known = secrets.map((s) => s.name);
  for (const name of Object.keys(backend.remoteKeys))
    if (!known.includes(name))
      checks.issues.add(
        `${path}.remoteKeys.${name}`,
        `names no Secret this environment uses (its Secrets: ${known.join(', ') || 'none'}); fix the name or remove it`,
      );
}

// Last word of a key name (split at '_', '.', '-' and camelCase) that says the value is a secret.
const secretWords = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'key', 'apikey', 'credential', 'credentials', 'passphrase']);

/**
 * True for key names whose value is a secret: `password`, `CASS_PASS`, `keystore.password`,
 * `clientSecret`, `api_key`. Only the last word counts, so `key_manager_url` or
 * `token_endpoint` (which hold no secret) are not flagged.
 */
export function isSecretLookingKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 && secretWords.has(words.at(-1)!);
}

/**
 * True for a value that points at a secret rather than holding it: a WSO2 `$env{…}`/`$secret{…}`/
 * `$ref{…}` placeholder, a `${…}` (Axway, shell) or Kubernetes `$(…)` expansion, or nothing.
 */
export function isSecretPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  return v === '' || /^\$(env|secret|ref|sys)?\{[^}]+\}$/.test(v) || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v);
}

/**
 * Rejects literal secret values in a free-form map a stack accepts (extra env, config overrides):
 * a secret-looking key must hold a placeholder, and the value itself comes from a SecretRef.
 */
export function checkNoLiteralSecrets(checks: FieldChecks, path: string, values: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && isSecretLookingKey(key) && !isSecretPlaceholder(value))
      checks.issues.add(
        `${path}.${key}`,
        `looks like a secret but holds a literal value; use a SecretRef (e.g. { secretRef: "<secret name>" }) and a $env{…} placeholder instead`,
      );
  }
}
