import type { Stats } from 'node:fs';
import { statSync } from 'node:fs';

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    // Missing, or a file where a folder of the path should be (ENOTDIR): neither a file nor a folder here.
    return undefined;
  }
}

/** Whether `path` is a regular file (false for anything missing or unreachable). */
export function isFile(path: string): boolean {
  return statOf(path)?.isFile() === true;
}

/** Whether `path` is a folder (false for anything missing or unreachable). */
export function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() === true;
}
