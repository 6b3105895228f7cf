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

/**
 * What is wrong with the environments folder as a whole, one line each: no environment at all, or
 * a folder without its environment.ts (renamed or deleted?). Either would otherwise prune overlays
 * and Argo CD Applications without a word, so a render refuses.
 */
export function environmentFolderIssues(root: string): string[] {
  const dir = join(root, environmentsDir);
  const folders = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort()
    : [];
  const issues = folders
    .filter((name) => !existsSync(join(dir, name, 'environment.ts')))
    .map(
      (name) =>
        `${environmentsDir}/${name}: has no environment.ts (renamed or deleted?): restore ${environmentFile(name)} (e.g. git checkout -- ${environmentFile(name)}), or delete the folder ${environmentsDir}/${name} to remove the environment`,
    );
  if (folders.length === 0)
    issues.push(
      `${environmentsDir}/: holds no environment, so a render would delete every overlay and Argo CD Application: restore the folders (git checkout -- ${environmentsDir}) or add one with "npm run new-env"`,
    );
  return issues;
}
