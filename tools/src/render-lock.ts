import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
// The writer's own module, not the package index: the lock is taken before any command loads the renderer.
import { renderStateDir } from '@apim-gitops/renderer/src/write-journal';

/** The lock file: one render, check or diff at a time per repository. */
export const lockFile = `${renderStateDir}/lock`;
const takeoverFile = `${lockFile}.takeover`;

/** Who holds the lock, as written in the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  /** ISO time the holder took the lock. */
  readonly started: string;
}

/** Another process holds the lock (and kept it past the wait), or the lock file is unusable. */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

/** How long to wait for the lock: `APIM_LOCK_WAIT_MS`, else 30 s. */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.APIM_LOCK_WAIT_MS);
  return env.APIM_LOCK_WAIT_MS !== undefined && Number.isFinite(value) && value >= 0 ? value : 30_000;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether a process with this pid runs on this host (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(text: string | undefined): LockHolder | undefined {
  try {
    const holder = JSON.parse(text ?? '') as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    // Missing, or being written this very moment.
    return undefined;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function describe(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host} ("${holder.command}", since ${holder.started})`;
}

/**
 * Removes a stale lock. Only one process may do so at a time (the takeover file, made with
 * O_EXCL), and only if the lock still holds the same text, so a live lock taken meanwhile stays.
 */
function takeOver(root: string, staleText: string | undefined): boolean {
  const takeover = join(root, takeoverFile);
  try {
    closeSync(openSync(takeover, 'wx'));
  } catch {
    // Someone else is taking over; a takeover file left by a killed process is cleared after 10 s.
    if (ageMs(takeover) > 10_000) rmSync(takeover, { force: true });
    return false;
  }
  try {
    if (readText(join(root, lockFile)) !== staleText) return false;
    unlinkSync(join(root, lockFile));
    return true;
  } finally {
    rmSync(takeover, { force: true });
  }
}

/** A held lock; release it once (also done on exit and on SIGINT/SIGTERM). */
export interface RenderLock {
  release(): void;
}

/**
 * Takes the repository's render lock (`.render/lock`, created with O_EXCL and holding pid, host,
 * command and start time). While another live process holds it, waits up to `waitMs` (saying so
 * once), then fails with one line naming the holder and how to clear a stale lock. A lock left by
 * a process that no longer runs on this host is taken over, and `say` tells the user.
 */
export function acquireRenderLock(root: string, command: string, options: { waitMs?: number; say?: (line: string) => void } = {}): RenderLock {
  const path = join(root, lockFile);
  const name = command.split(' ')[0];
  const say = options.say ?? ((line: string) => console.error(line));
  const deadline = Date.now() + (options.waitMs ?? lockWaitMs());
  const me: LockHolder = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  mkdirSync(dirname(path), { recursive: true });
  let waited = false;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeFileSync(fd, `${JSON.stringify(me)}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readText(path);
    if (text === undefined) continue; // released meanwhile
    const holder = parseHolder(text);
    if (holder && holder.host === me.host && !isAlive(holder.pid)) {
      if (takeOver(root, text)) say(`${name}: took over ${lockFile} from ${describe(holder)}: that process is no longer running`);
      continue;
    }
    // A lock that stays unreadable was left by a process killed between creating and filling it.
    if (!holder && ageMs(path) > 5_000) {
      if (takeOver(root, text)) say(`${name}: took over ${lockFile}, which was unreadable for more than 5 s (left by a killed process)`);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? describe(holder) : 'a process that is writing it right now';
      const stale = holder && holder.host !== me.host ? `if nothing renders on ${holder.host} any more` : 'if that process is stuck';
      throw new LockError(`${name}: ${lockFile} is held by ${who}; wait for it to finish, or ${stale}, delete ${lockFile} and run again`);
    }
    if (!waited && holder) say(`${name}: waiting for ${describe(holder)} to release ${lockFile}`);
    waited = true;
    sleep(100);
  }
  return holdLock(path, me);
}

function holdLock(path: string, me: LockHolder): RenderLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Only our own lock: never one a later process took over.
    const holder = parseHolder(readText(path));
    if (holder?.pid === me.pid && holder.started === me.started) rmSync(path, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.kill(process.pid, signal);
  };
  process.on('exit', release);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { release };
}
