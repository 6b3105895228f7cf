import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Issue, ResolvedEnvironment } from '@apim-gitops/models';
import { closestKey, resolveEnvironment, SpecError } from '@apim-gitops/models';
import { reservedEnvironmentNames } from '@apim-gitops/renderer';
import type { ImportResult } from './bounded-import';
import { importBounded } from './bounded-import';
import type { ModuleBundle } from './environment-bundle';
import { bundleModule, modelsBundleFile, modelsPackage } from './environment-bundle';
import { environmentFile, environmentsDir } from './environment-files';

type EsbuildMessage = { text: string; location?: { file: string; line: number; column: number } | null };

/** `line 3:10` (1-based, as editors show it), with the file when it is not `where`. */
function position(message: EsbuildMessage, where: string): string {
  const l = message.location;
  return l ? `${l.file === where ? '' : `${l.file} `}line ${l.line}:${l.column + 1}` : '(file)';
}

/**
 * Cycles among the repository's own files (environments, apps) in esbuild's import graph, each as
 * its files, starting from `entry` where the cycle passes through it.
 */
export function importCycles(inputs: Record<string, { imports: { path: string }[] }>, entry?: string): string[][] {
  const own = (path: string) => !path.startsWith('packages/') && !path.includes('node_modules/');
  const cycles = new Map<string, string[]>();
  const visit = (path: string, trail: string[]) => {
    const at = trail.indexOf(path);
    if (at >= 0) {
      const cycle = trail.slice(at);
      const key = [...cycle].sort().join(' ');
      if (!cycles.has(key)) cycles.set(key, cycle);
      return;
    }
    for (const next of inputs[path]?.imports ?? []) if (own(next.path)) visit(next.path, [...trail, path]);
  };
  for (const path of [...(entry ? [entry] : []), ...Object.keys(inputs)]) if (own(path)) visit(path, []);
  return [...cycles.values()];
}

/**
 * The SpecError for an import of a name the models do not export. The models are a module of their own
 * at run time (see modelsBundleFile), so Node reports it while loading, by the bundle's path: this names
 * the file and line that import it, and the export that was probably meant.
 */
async function missingModelsExport(root: string, bundle: ModuleBundle, name: string): Promise<SpecError> {
  const exported = Object.keys(await import(pathToFileURL(await modelsBundleFile(root)).href));
  const hint = closestKey(name, exported);
  const word = new RegExp(`\\b${name.replace(/[$]/g, '\\$&')}\\b`);
  for (const input of bundle.inputs) {
    const lines = readFileSync(join(root, input), 'utf8').split('\n');
    const at = lines.findIndex((line) => word.test(line));
    if (at >= 0)
      return new SpecError(input, [
        {
          path: `line ${at + 1}:${lines[at]!.search(word) + 1}`,
          message: `imports "${name}" from ${modelsPackage}, which does not export it${hint ? ` (did you mean "${hint}"?)` : ''}`,
        },
      ]);
  }
  return new SpecError(bundle.inputs[0] ?? '(file)', [{ path: '(file)', message: `imports "${name}" from ${modelsPackage}, which does not export it` }]);
}

/** Fields of `value` that are `undefined` or strings holding "undefined", by dotted path. */
export function undefinedFields(value: unknown, path = ''): string[] {
  if (value === undefined) return [path || '(default export)'];
  if (typeof value === 'string') return /\bundefined\b/.test(value) ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [path ? `.${k}` : k, v] as const);
  return entries.flatMap(([key, v]) => undefinedFields(v, `${path}${key}`));
}

/**
 * Runs a TypeScript module that default-exports data (an environment, the GitOps settings) and
 * returns that export. A syntax error, a type-stripping failure, an import of a name the other
 * file does not export, an exception thrown while the module runs, a load that does not finish
 * within the time limit (endless loop, top-level await that never settles) and a field left
 * undefined by a circular import each become a SpecError naming the file, never a stack trace.
 */
export async function loadDefaultExport(root: string, file: string): Promise<unknown> {
  let bundle: ModuleBundle;
  try {
    bundle = await bundleModule(root, file);
  } catch (error) {
    // esbuild names the file that holds the mistake (a stack file imported by environment.ts, say),
    // relative to the repository; columns are 0-based there, 1-based in editors.
    const errors = (error as { errors?: EsbuildMessage[] }).errors ?? [];
    const where = errors[0]?.location?.file ?? file;
    const issues = errors.length
      ? errors.map((e) => ({ path: position(e, where), message: e.text }))
      : [{ path: '(file)', message: String((error as Error).message) }];
    throw new SpecError(where, issues);
  }
  const cycles = importCycles(bundle.graph, file);
  // esbuild only warns when a TypeScript file imports a name another file does not export (it
  // could be a type), and the value is then undefined: a stack would silently not run.
  const missing = bundle.warnings.filter((w) => w.text.includes('will always be undefined'));
  if (missing.length > 0) {
    const where = missing[0]!.location?.file ?? file;
    throw new SpecError(
      where,
      missing.map((w) => ({
        path: position(w, where),
        message: `${w.text}: export it from that file (e.g. "export const wso2: Wso2Spec = { … }"), or remove the import`,
      })),
    );
  }
  const result: ImportResult = await importBounded(bundle.module);
  const fail = (message: string): never => {
    throw new SpecError(file, [{ path: '(file)', message }]);
  };
  if (result.kind === 'threw') {
    const missing = /does not provide an export named '([^']+)'/.exec(result.message);
    if (missing && result.message.includes('/environment-models')) throw await missingModelsExport(root, bundle, missing[1]!);
    fail(`threw while loading: ${result.message}`);
  }
  if (result.kind === 'timed-out')
    fail(
      `did not finish loading within ${result.ms / 1000} s: an endless loop, or a top-level await that never settles, in it or a file it imports? (APIM_LOAD_TIMEOUT_MS sets the limit)`,
    );
  if (result.kind === 'exited') fail(`stopped while loading (its thread exited with code ${result.code}): does it call process.exit()?`);
  if (result.kind === 'not-data') fail(`its default export is not plain data (${result.message}): export objects, arrays, strings, numbers and booleans only`);
  if (result.kind !== 'loaded' || !result.hasDefault) fail('has no default export: end it with `export default defineEnvironment({ … })`');
  const value = (result as { value: unknown }).value;
  if (cycles.length > 0) {
    const holes = undefinedFields(value);
    const cycle = cycles.map((c) => [...c, c[0]].join(' → ')).join('; ');
    if (holes.length > 0)
      throw new SpecError(
        file,
        holes.map((path) => ({
          path,
          message: `is undefined while the environment loads, because of a circular import (${cycle}): a value read across it is not set yet; move the shared value into a file of its own that both import`,
        })),
      );
  }
  return value;
}

/** The stacks an environment folder may hold a file for, and their names in messages. */
const stackFiles = { wso2: 'WSO2', axway: 'Axway' } as const;

/**
 * Loads, validates and resolves `environments/<name>/environment.ts`. A stack file in the folder
 * (`wso2.ts`, `axway.ts`) whose stack the environment does not run is an error, so a stack never
 * disappears because an import came out undefined.
 */
export async function loadEnvironment(root: string, name: string): Promise<ResolvedEnvironment> {
  const file = environmentFile(name);
  const spec = await loadDefaultExport(root, file);
  const issues: Issue[] = [];
  if (spec !== null && typeof spec === 'object')
    for (const [stack, title] of Object.entries(stackFiles))
      if (existsSync(join(root, environmentsDir, name, `${stack}.ts`)) && (spec as Record<string, unknown>)[stack] === undefined)
        issues.push({
          path: stack,
          message: `is not set, but ${environmentsDir}/${name}/${stack}.ts exists: add \`${stack}\` to defineEnvironment({ … }) (import { ${stack} } from './${stack}'), or delete that file to stop running ${title}`,
        });
  let resolved: ResolvedEnvironment | undefined;
  try {
    resolved = resolveEnvironment(spec, file);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    issues.push(...error.issues);
  }
  if (resolved && resolved.name !== name) issues.push({ path: 'name', message: `"${resolved.name}" must equal the folder name "${name}"` });
  if (resolved && reservedEnvironmentNames.includes(resolved.name))
    issues.push({
      path: 'name',
      message: `"${resolved.name}" is reserved (the Argo CD manifests and the bases use ${reservedEnvironmentNames.map((n) => `"${n}"`).join(', ')}): rename the environment and its folder`,
    });
  if (issues.length > 0 || !resolved) throw new SpecError(file, issues);
  return resolved;
}
