import { createTwoFilesPatch } from 'diff';
import { staleFiles } from '@apim-gitops/renderer';
import { renderRepository } from './render-repository';

/**
 * `check`: renders in memory and compares with the committed tree. Exits 1 with a diff per stale
 * file, so CI catches a hand edit or a forgotten re-render.
 */
export async function checkCommand(root: string): Promise<number> {
  const render = await renderRepository(root);
  const stale = staleFiles(root, render.files, render.scopes);
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
