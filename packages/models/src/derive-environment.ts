import type { EnvironmentSpec } from './environment';

/**
 * What may be laid over one field of a base environment: a nested object is itself overridden
 * field by field, anything else (a string, a number, a boolean, an array) is given whole.
 */
export type FieldOverride<V> = V extends readonly unknown[] ? V : V extends object ? Overrides<V> : V;

/**
 * Overrides of an object: any of its fields, at any depth. `null` removes a field the base has,
 * and only an optional one (a stack that must not run here, say).
 */
export type Overrides<T> = { readonly [K in keyof T]?: FieldOverride<NonNullable<T[K]>> | (undefined extends T[K] ? null : never) };

/** What `deriveEnvironment` lays over a base environment. */
export type EnvironmentOverrides = Overrides<EnvironmentSpec>;

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function overlay(base: unknown, override: unknown): unknown {
  if (!isPlain(base) || !isPlain(override)) return override;
  const merged: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = overlay(base[key], value);
  }
  return merged;
}

/**
 * Defines an environment as another one with some fields changed, e.g. production's standby in a
 * second region, which must stay production in everything but its cluster, data stores and store:
 *
 * - a nested object in `overrides` changes only the fields it names; the rest stay the base's;
 * - an array, a string, a number or a boolean replaces the base's value whole: arrays are never
 *   concatenated, so `cidrs: ['10.130.1.0/24']` means exactly that one block;
 * - `null` removes an optional field (and everything under it), `undefined` changes nothing.
 *
 * The base is not changed. The result is an `EnvironmentSpec` like `defineEnvironment` gives, so it
 * is validated, defaulted and rendered like any other environment; `overriddenPaths` lists what
 * differs, for a test that holds the derived environment to exactly that.
 */
export function deriveEnvironment(base: EnvironmentSpec, overrides: EnvironmentOverrides): EnvironmentSpec {
  return overlay(base, overrides) as EnvironmentSpec;
}

/**
 * The field paths `overrides` sets, sorted: one per string, number, boolean, array or `null`
 * (e.g. `axway.cassandra.hosts`, `wso2`), as `deriveEnvironment` applies them.
 */
export function overriddenPaths(overrides: EnvironmentOverrides): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === undefined) return;
    if (!isPlain(value)) {
      paths.push(path);
      return;
    }
    for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
  };
  walk(overrides, '');
  return paths.sort();
}
