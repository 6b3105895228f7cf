type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The field paths where two specs differ, sorted: objects are compared field by field, anything
 * else (arrays included, as deriveEnvironment replaces them whole) as one value. A field one side
 * lacks is one path, however much lies under it on the other side.
 */
export function specDifferences(a: unknown, b: unknown, path = ''): string[] {
  if (isPlain(a) && isPlain(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => specDifferences(a[key], b[key], path ? `${path}.${key}` : key)).sort();
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}
