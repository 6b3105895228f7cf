import { createTwoFilesPatch } from 'diff';
import { staleFiles } from '@apim-gitops/renderer';
import { renderRepository } from './render-repository';
import { staleSchemaFiles } from './schema-command';

/**
 * `check`: renders in memory and compares with the committed tree. Exits 1 with a diff per stale
 * file, so CI catches a hand edit or a forgotten re-render.
 */
export async function checkCommand(root: string, codeKey?: string): Promise<number> {
  const render = await renderRepository(root);
  const stale = staleFiles(root, render.files, render.scopes);
  // The schemas, the field reference and the precompiled validators are generated from the spec types,
  // like deploy/ from the environments.
  const schemas = await staleSchemaFiles(root, codeKey);
  for (const path of schemas) console.log(`\n--- ${path} (differs from a fresh generation)`);
  if (schemas.length > 0) {
    console.log(`\ncheck: ${schemas.length} schema file(s) are stale: run "node tools/bin/run.mjs schema" and commit the result`);
    return 1;
  }
  if (stale.size === 0) {
    console.log(`check: the committed output equals a fresh render (${render.files.size} files)`);
    return 0;
  }
  for (const [path, [onDisk, rendered]] of stale) {
    const what = onDisk === undefined ? 'missing' : rendered === undefined ? 'no longer rendered' : 'differs';
    console.log(`\n--- ${path} (${what})`);
    process.stdout.write(createTwoFilesPatch(`committed/${path}`, `rendered/${path}`, onDisk ?? '', rendered ?? '', '', '', { context: 3 }));
  }
  console.log(`\ncheck: ${stale.size} file(s) are stale: run "npx nx run render" and commit the result`);
  return 1;
}
