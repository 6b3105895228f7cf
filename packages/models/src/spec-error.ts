/** One problem found in an environment definition. */
export interface Issue {
  /** Dotted field path inside the environment, e.g. `wso2.gateway.replicas`. */
  readonly path: string;
  /** What is wrong, quoting the bad value, and the fix when it is obvious. */
  readonly message: string;
}

/**
 * Every problem found in one environment, thrown once after validation has looked at all of it.
 * The message has one line per issue: `<source>: <path>: <message>`.
 */
export class SpecError extends Error {
  constructor(
    /** Where the environment comes from, e.g. `environments/prod/environment.ts`. */
    readonly source: string,
    readonly issues: readonly Issue[],
  ) {
    super(issues.map((i) => `${source}: ${i.path}: ${i.message}`).join('\n'));
    this.name = 'SpecError';
  }
}

/** Collects issues while a spec is checked, so that all of them are reported together. */
export class IssueList {
  private readonly found: Issue[] = [];

  add(path: string, message: string): void {
    this.found.push({ path, message });
  }

  get issues(): readonly Issue[] {
    return this.found;
  }

  get empty(): boolean {
    return this.found.length === 0;
  }

  /** Throws a SpecError naming `source` when anything was found. */
  throwIfAny(source: string): void {
    if (this.found.length > 0) throw new SpecError(source, this.found);
  }
}

/** Quotes a user value for a message, so that `"cass 3"` and `3` read differently. */
export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
