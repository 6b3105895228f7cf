type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Lays the user's values over the defaults: objects merge key by key, everything else
 * (numbers, strings, arrays) is replaced whole by the user's value when the user gave one.
 */
export function mergeDefaults<T>(defaults: T, user: unknown): T {
  if (user === undefined) return defaults;
  if (!isPlain(defaults) || !isPlain(user)) return user as T;
  const merged: Plain = { ...defaults };
  for (const [key, value] of Object.entries(user)) {
    if (value === undefined) continue;
    merged[key] = mergeDefaults((defaults as Plain)[key], value);
  }
  return merged as T;
}
