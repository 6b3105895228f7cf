/** A Kubernetes object as plain JSON, as `kubectl kustomize` prints it. */
export type Manifest = {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: any;
};

/** One broken invariant in one object, e.g. `Service/anm: selector … matches no pod template`. */
export interface IntegrityFinding {
  /** Id of the rule that found it, e.g. `service-selector`. */
  readonly rule: string;
  /** `Kind/name` of the object at fault. */
  readonly object: string;
  /** What is wrong, with the field path inside the object and the fix when it is obvious. */
  readonly message: string;
}

/**
 * One invariant over the objects of one environment. Rules are pure: they read plain objects
 * (rendered in memory, or built by kustomize) and return findings, so tests and the CLI share them.
 */
export interface IntegrityRule {
  /** Stable kebab-case id, printed in front of every finding. */
  readonly id: string;
  /** One line that says what must hold. */
  readonly description: string;
  /** The findings in `objects`; an empty list when the invariant holds. */
  check(objects: readonly Manifest[]): { readonly object: string; readonly message: string }[];
}

/** `Kind/name` of an object. */
export function kindName(object: Manifest): string {
  return `${object.kind}/${object.metadata?.name ?? '(no name)'}`;
}

function compare(a: IntegrityFinding, b: IntegrityFinding): number {
  const ka = `${a.rule} ${a.object}: ${a.message}`;
  const kb = `${b.rule} ${b.object}: ${b.message}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Runs every rule over one environment's objects; findings sorted by rule, object and message. */
export function checkIntegrity(objects: readonly Manifest[], rules: readonly IntegrityRule[]): IntegrityFinding[] {
  return rules.flatMap((rule) => rule.check(objects).map((f) => ({ rule: rule.id, ...f }))).sort(compare);
}
