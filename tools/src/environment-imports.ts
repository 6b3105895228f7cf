import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from './environment-files';

/** `from '../<name>/…'` in an environment's TypeScript: it reads another environment's files. */
const otherEnvironment = /from\s+['"]\.\.\/([a-z][a-z0-9-]*)\//g;

/** The environments each environment's files import (environments/prod-eu-west imports prod). */
export function environmentImports(root: string): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  for (const env of environmentNames(root)) {
    const dir = join(root, 'environments', env);
    const named = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')))
      for (const match of readFileSync(join(dir, file), 'utf8').matchAll(otherEnvironment)) if (match[1] !== env) named.add(match[1]!);
    imports.set(env, named);
  }
  return imports;
}

/**
 * `names` and every environment that imports one of them, directly or through another: rendering
 * prod alone would leave its derived standby rendered from the old prod, a stale overlay that only
 * `check` would catch. Read with a regular expression rather than a TypeScript parser, so that
 * `render --env` stays as quick to start as the full render.
 */
export function withDependents(root: string, names: readonly string[]): string[] {
  const imports = environmentImports(root);
  const chosen = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [env, named] of imports)
      if (!chosen.has(env) && [...named].some((n) => chosen.has(n))) {
        chosen.add(env);
        grew = true;
      }
  }
  return [...names, ...[...chosen].filter((n) => !names.includes(n)).sort()];
}
