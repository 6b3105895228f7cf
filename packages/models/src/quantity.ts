// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): a decimal number with an
// optional binary (Ki, Mi, Gi, Ti, Pi, Ei) or decimal (n, u, m, k, M, G, T, P, E) suffix.
const quantityPattern = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

const multipliers: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity in base units (bytes for memory, cores for CPU), or undefined if malformed. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = quantityPattern.exec(value.trim());
  if (!match || value.trim() !== value) return undefined;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  const multiplier = multipliers[suffix];
  return multiplier === undefined ? undefined : number * multiplier;
}

/** Bytes in a memory quantity such as `2Gi`; undefined if malformed. */
export function memoryBytes(value: unknown): number | undefined {
  return parseQuantity(value);
}

/** Mebibytes in a memory quantity, rounded down; undefined if malformed. */
export function memoryMiB(value: unknown): number | undefined {
  const bytes = parseQuantity(value);
  return bytes === undefined ? undefined : Math.floor(bytes / 2 ** 20);
}

/** Millicores in a CPU quantity such as `500m` or `2`; undefined if malformed. */
export function cpuMillis(value: unknown): number | undefined {
  const cores = parseQuantity(value);
  return cores === undefined ? undefined : Math.round(cores * 1000);
}
