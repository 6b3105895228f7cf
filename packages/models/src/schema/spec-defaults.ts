import environmentSchema from '../../schema/environment.schema.json';
import { mergeDefaults } from '../merge-defaults';

type Definitions = Record<string, { properties?: Record<string, { default?: unknown }> }>;
const definitions = (environmentSchema as { definitions: Definitions }).definitions;

/**
 * The `@default` of a spec property, read from the generated schema. For fields that take a partial
 * object laid over their default (an image given only a tag, resources given only requests), where a
 * JSON Schema default applies only when the whole field is missing.
 */
export function specDefault<T>(definition: string, property: string): T {
  const value = definitions[definition]?.properties?.[property]?.default;
  if (value === undefined) throw new Error(`unreachable: ${definition}.${property} has no @default in the schema`);
  return structuredClone(value) as T;
}

/** The user's partial value laid over the property's `@default`. */
export function withSpecDefault<T extends object>(definition: string, property: string, given: Partial<T> | undefined): T {
  return mergeDefaults<T>(specDefault<T>(definition, property), given as Record<string, unknown> | undefined);
}
