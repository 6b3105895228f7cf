// The writer's own module, not the package index, which loads kubernetes-models and the whole renderer.
import { recoverInterruptedWrites } from '@apim-gitops/renderer/src/write-journal';
import type { RenderLock } from './render-lock';
import { acquireRenderLock } from './render-lock';
import { writeOptionsFromEnv } from './write-hooks';

/** Commands that read or write the rendered tree: one at a time, each after resolving an interrupted write. */
export const treeCommands: readonly string[] = ['render', 'check', 'diff', 'validate', 'new-env', 'promote'];

/**
 * Takes the render lock for `commandLine`, then finishes or throws away what an interrupted render
 * left in `.render/staging/` (saying which), so the command sees the old tree or the new one. A
 * staging folder that cannot be resolved fails the command (check included) with its reason.
 */
export function guardTree(root: string, commandLine: string): RenderLock {
  const command = commandLine.split(' ')[0]!;
  const lock = acquireRenderLock(root, commandLine);
  try {
    const recovery = recoverInterruptedWrites(root, writeOptionsFromEnv());
    for (const staging of recovery.rolledForward)
      console.error(`${command}: finished an interrupted render from its complete journal (${staging}): the tree is the new one`);
    for (const staging of recovery.rolledBack)
      console.error(`${command}: removed the incomplete staging of an interrupted render (${staging}): the tree is the old one`);
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}
