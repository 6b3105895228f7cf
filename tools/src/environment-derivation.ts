import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node, Project } from 'ts-morph';
import { environmentFile } from './environment-files';

/**
 * The environment `env` is derived from, when its environment.ts ends in
 * `export default deriveEnvironment(<base>, …)` with `<base>` imported from `../<name>/environment`
 * (as environments/prod-eu-west does from prod); undefined for an environment defined on its own.
 * Such an environment holds no values of its own but its overrides: promote and new-env, which
 * edit values in place, work on the base instead.
 */
export function derivedFrom(root: string, env: string): string | undefined {
  const path = join(root, environmentFile(env));
  if (!existsSync(path)) return undefined;
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('environment.ts', readFileSync(path, 'utf8'));
  const call = file.getExportAssignment((a) => !a.isExportEquals())?.getExpression();
  if (!call || !Node.isCallExpression(call) || call.getExpression().getText() !== 'deriveEnvironment') return undefined;
  const base = call.getArguments()[0]?.getText();
  const from = file.getImportDeclarations().find((d) => d.getDefaultImport()?.getText() === base);
  return from?.getModuleSpecifierValue().match(/^\.\.\/([^/]+)\/environment(\.ts)?$/)?.[1];
}
