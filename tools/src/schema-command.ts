import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { schemaFiles } from './spec-schema';

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Generated schema files that differ from the committed ones (empty when current). */
export async function staleSchemaFiles(root: string, codeKey?: string): Promise<string[]> {
  const files = await schemaFiles(root, codeKey);
  return [...files].filter(([path, text]) => readIfExists(join(root, path)) !== text).map(([path]) => path);
}

/**
 * `schema`: regenerates the JSON Schemas and the field reference from the spec types. Run it after
 * changing a spec type; `check` fails while they are stale.
 */
export async function schemaCommand(root: string, codeKey?: string): Promise<number> {
  const files = await schemaFiles(root, codeKey);
  let written = 0;
  for (const [path, text] of files) {
    const full = join(root, path);
    if (readIfExists(full) === text) continue;
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    console.log(`  wrote   ${path}`);
    written++;
  }
  console.log(`schema: ${written} file(s) written, ${files.size - written} unchanged`);
  return 0;
}
