import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedEnvironment } from '@apim-gitops/models';
import { resolveEnvironment, SpecError } from '@apim-gitops/models';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { nodeBundleOptions } from '../bin/esbuild-options.mjs';
import { environmentFile } from './environment-files';

/**
 * Runs a TypeScript module that default-exports data (an environment, the GitOps settings) and
 * returns that export. A syntax error, a type-stripping failure or an exception thrown while the
 * module runs becomes a SpecError naming the file, never a stack trace.
 */
export async function loadDefaultExport(root: string, file: string): Promise<unknown> {
  let code: string;
  try {
    const result = await build({ ...nodeBundleOptions(), entryPoints: [join(root, file)], absWorkingDir: root, write: false, logLevel: 'silent' });
    code = result.outputFiles![0]!.text; // write: false always gives output files
  } catch (error) {
    // esbuild names the file that holds the mistake (a stack file imported by environment.ts, say),
    // relative to the repository; columns are 0-based there, 1-based in editors.
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] }).errors ?? [];
    const where = errors[0]?.location?.file ?? file;
    const issues = errors.length
      ? errors.map((e) => ({
          path: e.location ? `${e.location.file === where ? '' : `${e.location.file} `}line ${e.location.line}:${e.location.column + 1}` : '(file)',
          message: e.text,
        }))
      : [{ path: '(file)', message: String((error as Error).message) }];
    throw new SpecError(where, issues);
  }
  // Written beside the tools' cache so that npm packages resolve from the repository's node_modules.
  const dir = join(root, '.cache', 'environments');
  mkdirSync(dir, { recursive: true });
  const module = join(dir, `${createHash('sha256').update(code).digest('hex').slice(0, 16)}-${process.pid}.mjs`);
  writeFileSync(module, code);
  try {
    const loaded = (await import(pathToFileURL(module).href)) as { default?: unknown };
    if (loaded.default === undefined)
      throw new SpecError(file, [{ path: '(file)', message: 'has no default export: end it with `export default defineEnvironment({ … })`' }]);
    return loaded.default;
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(file, [{ path: '(file)', message: `threw while loading: ${(error as Error)?.message ?? String(error)}` }]);
  } finally {
    rmSync(module, { force: true });
  }
}

/** Loads, validates and resolves `environments/<name>/environment.ts`. */
export async function loadEnvironment(root: string, name: string): Promise<ResolvedEnvironment> {
  const file = environmentFile(name);
  const spec = await loadDefaultExport(root, file);
  const resolved = resolveEnvironment(spec, file);
  if (resolved.name !== name)
    throw new SpecError(file, [{ path: 'name', message: `"${resolved.name}" must equal the folder name "${name}"` }]);
  return resolved;
}
