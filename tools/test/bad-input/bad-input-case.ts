/**
 * One malformed environment: edits to files of `environments/<env>/` in a scratch copy of the
 * repository, and the field path the render error must name. To add a stack-specific case, edit
 * `wso2.ts` or `axway.ts` instead of `environment.ts`:
 * @example
 * { name: 'ANM with two replicas', edits: { 'axway.ts': replaceOnce('{}', '{ anm: { replicas: 2 } }') }, expectPath: 'axway.anm.replicas' }
 */
export interface BadInputCase {
  /** What is wrong, as a sentence fragment: "a name that is not a DNS label". */
  readonly name: string;
  /** Environment folder to break. @default "dev" */
  readonly env?: string;
  /** File name inside `environments/<env>/` → how to change its source text. */
  readonly edits: Readonly<Record<string, (source: string) => string>>;
  /** Field path the error names, e.g. `ingress.tls` or `secrets.refreshInterval`. */
  readonly expectPath: string;
  /** Text the message after the path must contain, when the wording matters. */
  readonly expectMessage?: string;
  /** File the error names. @default "environments/<env>/environment.ts" */
  readonly file?: string;
}

/**
 * An edit that replaces the one occurrence of `from`. It throws when `from` is missing or
 * repeated, so a case cannot silently stop breaking anything when an environment file changes.
 */
export function replaceOnce(from: string, to: string): (source: string) => string {
  return (source) => {
    const at = source.indexOf(from);
    if (at < 0 || source.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)} in the source`);
    return source.slice(0, at) + to + source.slice(at + from.length);
  };
}

/** Several edits applied in order. */
export function edits(...steps: ((source: string) => string)[]): (source: string) => string {
  return (source) => steps.reduce((text, step) => step(text), source);
}
