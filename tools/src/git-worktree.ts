import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs git in `cwd` and returns its trimmed output; throws with git's own message. */
export function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`git ${args.join(' ')}: ${stderr || (error as Error).message}`);
  }
}

/** Whether `rev` names a commit in the repository at `root`. */
export function revisionExists(root: string, rev: string): boolean {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives the checkout the repository's installed packages without a second `npm ci`: every npm
 * package is a symlink into the repository's node_modules, but the workspace packages
 * (`@apim-gitops/*`) point at the checkout's own `packages/`, so the old revision renders with its
 * own models and renderer rather than today's.
 */
function linkNodeModules(root: string, checkout: string): void {
  const source = join(root, 'node_modules');
  const target = join(checkout, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(source)) {
    if (entry === '@apim-gitops') continue;
    symlinkSync(join(source, entry), join(target, entry));
  }
  const workspace = join(source, '@apim-gitops');
  if (!existsSync(workspace)) return;
  mkdirSync(join(target, '@apim-gitops'));
  for (const entry of readdirSync(workspace)) symlinkSync(readlinkSync(join(workspace, entry)), join(target, '@apim-gitops', entry));
}

/**
 * Checks `rev` out in a temporary detached worktree (with node_modules and .cache linked in), runs
 * `use` on it, and removes the worktree afterwards, also when `use` throws.
 */
export async function withWorktree<T>(root: string, rev: string, use: (checkout: string) => Promise<T>): Promise<T> {
  const parent = mkdtempSync(join(tmpdir(), 'apim-diff-'));
  const checkout = join(parent, 'checkout');
  git(root, ['worktree', 'add', '--detach', '--quiet', checkout, rev]);
  try {
    linkNodeModules(root, checkout);
    if (existsSync(join(root, '.cache'))) symlinkSync(join(root, '.cache'), join(checkout, '.cache'));
    return await use(checkout);
  } finally {
    try {
      git(root, ['worktree', 'remove', '--force', checkout]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }
}
