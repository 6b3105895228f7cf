import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folder holding one folder per environment. */
export const environmentsDir = 'environments';

/** The file a platform engineer edits for an environment. */
export function environmentFile(name: string): string {
  return `${environmentsDir}/${name}/environment.ts`;
}

/** Names of the environments in the repository: folders of `environments/` with an environment.ts. */
export function environmentNames(root: string): string[] {
  const dir = join(root, environmentsDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'environment.ts')))
    .map((e) => e.name)
    .sort();
}
