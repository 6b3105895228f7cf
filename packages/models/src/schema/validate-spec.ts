import type { ErrorObject } from 'ajv';
import type { Issue } from '../spec-error';
import { quote } from '../spec-error';
import { specFormats } from './spec-formats';

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema is read by keyword at any depth; its shape is checked by Ajv, not by TypeScript
type JsonSchema = Record<string, any>;

/** What validating a spec gives: the input with every `@default` applied, and every problem. */
export interface SpecValidation<T> {
  readonly value: T;
  readonly issues: readonly Issue[];
}

/**
 * A validation function Ajv made from a spec schema: a precompiled module (`packages/models/schema/*.validate.mjs`)
 * or `specAjv().compile(schema)`. It fills in defaults as it goes and leaves its errors in `errors`.
 */
export interface SpecValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Validates user input against a generated spec schema (packages/models/schema/) and fills in the
 * schema's defaults. Shape, types, ranges, patterns, formats and unknown keys all come from the schema,
 * which comes from the TSDoc'd spec types; only rules that relate fields stay hand-written.
 */
export class SpecValidator<T> {
  constructor(private readonly validate: SpecValidateFunction) {}

  /** Checks a deep copy of `input`, so the caller's object is never changed. */
  check(input: unknown): SpecValidation<T> {
    const value = structuredClone(input);
    if (this.validate(value)) return { value: value as T, issues: [] };
    return { value: value as T, issues: issuesOf(this.validate.errors ?? []) };
  }
}

/** `/wso2/gateway/replicas` → `wso2.gateway.replicas`; list items as `[i]`. */
export function fieldPath(pointer: string, child?: string): string {
  const parts =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  return path === '' ? '(environment)' : path;
}

/** Levenshtein distance, for "did you mean" on unknown keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest known key to a typo, if it is close enough to be what was meant. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function typeName(type: string): string {
  switch (type) {
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    default:
      return `a ${type}`;
  }
}

/** What an unwritten required field should look like, for "is required (…)". */
function requiredHint(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  // The field's @example, when it has one, shows what to write.
  const example = Array.isArray(schema.examples) && schema.examples.length > 0 ? `, e.g. ${JSON.stringify(schema.examples[0])}` : '';
  if (schema.type === 'string') return ` (a string${example})`;
  if (schema.type === 'integer' || schema.type === 'number') return ` (a number${example})`;
  if (schema.type === 'array') return ` (a list${example})`;
  return example ? ` (${example.slice(2)})` : '';
}

/**
 * An @errorMessage with the value where it says `{value}`; otherwise `must be X (got "v")` for a
 * message that starts with "must", and `"v" is not X` for one that does not.
 */
function withValue(text: string, value: unknown): string {
  if (text.includes('{value}')) return text.replace('{value}', quote(value));
  return text.startsWith('must ') ? `${text} (got ${quote(value)})` : `${quote(value)} ${text}`;
}

function message(error: ErrorObject): string | undefined {
  const schema = error.parentSchema as JsonSchema | undefined;
  const data = error.data;
  switch (error.keyword) {
    case 'type': {
      // An object type may say what its values must look like (a SecretRef: not a literal value).
      if (schema?.errorMessage && schema.type === 'object') return schema.errorMessage;
      if (typeof data === 'number' && !Number.isFinite(data)) return `must be a finite number (got ${String(data)})`;
      const wanted = String(error.params.type).split(',');
      return `must be ${wanted.map(typeName).join(' or ')} (got ${quote(data)})`;
    }
    case 'minimum':
      return `must be at least ${error.params.limit} (got ${quote(data)})`;
    case 'maximum': {
      const why = schema?.errorMessage ? `: ${schema.errorMessage}` : '';
      // A field whose minimum is its maximum has one allowed value.
      if (schema?.minimum === error.params.limit) return `must be ${error.params.limit} (got ${quote(data)})${why}`;
      return `must be at most ${error.params.limit} (got ${quote(data)})${why}`;
    }
    case 'exclusiveMinimum':
      return `must be more than ${error.params.limit} (got ${quote(data)})`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => quote(v)).join(', ')} (got ${quote(data)})`;
    case 'const':
      return `must be ${quote(error.params.allowedValue)} (got ${quote(data)})`;
    case 'minLength':
      return error.params.limit === 1 ? 'must not be empty' : `must have at least ${error.params.limit} characters (got ${quote(data)})`;
    case 'maxLength':
      return `${quote(data)} is longer than ${error.params.limit} characters`;
    case 'minItems':
      return schema?.errorMessage ?? `must list at least ${error.params.limit} (got ${Array.isArray(data) ? data.length : quote(data)})`;
    case 'maxItems':
      return `must list at most ${error.params.limit} (got ${Array.isArray(data) ? data.length : quote(data)})`;
    case 'uniqueItems':
      return `lists ${quote((data as unknown[])[error.params.j as number])} twice`;
    case 'pattern':
      return schema?.errorMessage ? withValue(schema.errorMessage, data) : `${quote(data)} does not match ${error.params.pattern}`;
    case 'format': {
      const format = specFormats[error.params.format as string];
      return format ? format.problem(String(data)) : `${quote(data)} is not a valid ${error.params.format}`;
    }
    case 'discriminator':
      return error.params.error === 'mapping'
        ? `must be one of ${
            Object.keys((schema?.discriminator?.mapping ?? {}) as object)
              .map((v) => quote(v))
              .join(', ') || 'the documented values'
          } (got ${quote(error.params.tagValue ?? data)})`
        : 'is required';
    default:
      return undefined;
  }
}

/** Ajv's errors as issues in the models' wording, one per field, in document order. */
export function issuesOf(errors: readonly ErrorObject[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const push = (path: string, text: string) => {
    const key = `${path}\0${text}`;
    if (!seen.has(key)) issues.push({ path, message: text });
    seen.add(key);
  };
  // A field that is wrong as a whole (its type) makes the errors below it noise.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const error of errors) {
    const under = [...wrongType].some((p) => error.instancePath !== p && error.instancePath.startsWith(`${p}/`));
    if (under) continue;
    if (error.keyword === 'additionalProperties') {
      const key = error.params.additionalProperty as string;
      const known = Object.keys((error.parentSchema as JsonSchema)?.properties ?? {});
      const hint = closestKey(key, known);
      push(fieldPath(error.instancePath, key), `is not a known field${hint ? ` (did you mean ${quote(hint)}?)` : ` (known: ${known.join(', ')})`}`);
      continue;
    }
    if (error.keyword === 'required') {
      const missing = error.params.missingProperty as string;
      push(fieldPath(error.instancePath, missing), `is required${requiredHint((error.parentSchema as JsonSchema)?.properties?.[missing])}`);
      continue;
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const text = message(error);
    if (text) push(fieldPath(error.instancePath), text);
  }
  return issues;
}
