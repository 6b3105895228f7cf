import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockFile } from '../src/render-lock';
import { readRenderedTree } from './support/killed-render';
import { runCli, tempRepo, treeHashes } from './temp-repository';

function holdLock(root: string, holder: { pid: number; host: string; command: string; started: string }): void {
  mkdirSync(join(root, '.render'), { recursive: true });
  writeFileSync(join(root, lockFile), `${JSON.stringify(holder)}\n`);
}

function changeDevRegistry(root: string): void {
  const file = join(root, 'environments/dev/environment.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace("registry: 'registry.example.org/apim'", "registry: 'mirror.example.org/apim'"));
}

/** Runs a command in the background; resolves with its exit code and output. */
function start(
  root: string,
  args: string[],
  env: Record<string, string>,
): { done: Promise<{ status: number | null; stdout: string; stderr: string }>; stderr: () => string } {
  const child = spawn(process.execPath, ['tools/bin/run.mjs', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return { done: new Promise((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr }))), stderr: () => stderr };
}

async function until(condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('one render at a time', () => {
  let repo: ReturnType<typeof tempRepo>;
  afterEach(() => repo?.remove());

  it('a render waits while the lock is held, says whom it waits for, and goes on once it is released', async () => {
    repo = tempRepo();
    changeDevRegistry(repo.root);
    // A live process of this host holds the lock (as a render busy writing would).
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
    try {
      holdLock(repo.root, { pid: holder.pid!, host: hostname(), command: 'render', started: '2025-01-02T03:04:05.000Z' });
      const before = readRenderedTree(repo.root);
      const waiting = start(repo.root, ['render'], { APIM_LOCK_WAIT_MS: '90000' });
      await until(() => waiting.stderr().includes('waiting for'), 60_000);
      expect(waiting.stderr()).toContain(
        `render: waiting for pid ${holder.pid} on ${hostname()} ("render", since 2025-01-02T03:04:05.000Z) to release .render/lock`,
      );
      expect(readRenderedTree(repo.root)).toEqual(before);
      rmSync(join(repo.root, lockFile));
      const result = await waiting.done;
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/ [1-9]\d* file\(s\) written/);
      expect(runCli(repo.root, ['check']).status).toBe(0);
      expect(existsSync(join(repo.root, lockFile))).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  }, 120_000);

  it.each([['render'], ['check'], ['diff', '--base', 'HEAD'], ['validate']])(
    '%s fails with one line naming the holder when the lock stays taken',
    (...args) => {
      repo = tempRepo();
      const before = treeHashes(repo.root, 'deploy');
      holdLock(repo.root, { pid: process.pid, host: hostname(), command: 'render --env dev', started: '2025-01-02T03:04:05.000Z' });
      const result = runCli(repo.root, args, { APIM_LOCK_WAIT_MS: '300' });
      expect(result.status).toBe(1);
      const [line, ...rest] = result.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.includes('waiting for'));
      expect(line).toBe(
        `${args[0]}: .render/lock is held by pid ${process.pid} on ${hostname()} ("render --env dev", since 2025-01-02T03:04:05.000Z); wait for it to finish, or if that process is stuck, delete .render/lock and run again`,
      );
      expect(rest).toEqual([`${args[0]}: failed; nothing was written`]);
      expect(treeHashes(repo.root, 'deploy')).toEqual(before);
      // The holder's lock stays.
      expect(JSON.parse(readFileSync(join(repo.root, lockFile), 'utf8')).pid).toBe(process.pid);
    },
  );

  it('a lock left by a process that is gone is taken over, and the render says so', () => {
    repo = tempRepo();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    holdLock(repo.root, { pid: dead, host: hostname(), command: 'render', started: '2025-01-02T03:04:05.000Z' });
    const result = runCli(repo.root, ['render'], { APIM_LOCK_WAIT_MS: '0' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `render: took over .render/lock from pid ${dead} on ${hostname()} ("render", since 2025-01-02T03:04:05.000Z): that process is no longer running`,
    );
    expect(existsSync(join(repo.root, lockFile))).toBe(false);
  });

  it('a lock held on another host is never taken over: the message says where to look', () => {
    repo = tempRepo();
    holdLock(repo.root, { pid: 1, host: 'build-agent-7', command: 'render', started: '2025-01-02T03:04:05.000Z' });
    const result = runCli(repo.root, ['render'], { APIM_LOCK_WAIT_MS: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'render: .render/lock is held by pid 1 on build-agent-7 ("render", since 2025-01-02T03:04:05.000Z); wait for it to finish, or if nothing renders on build-agent-7 any more, delete .render/lock and run again',
    );
  });

  it('two renders of the same change started together never corrupt the tree', async () => {
    repo = tempRepo();
    changeDevRegistry(repo.root);
    const runs = [start(repo.root, ['render'], {}), start(repo.root, ['render'], {})];
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const written = results.map((r) => Number(r.stdout.match(/(\d+) file\(s\) written/)![1]));
    expect(written.sort((x, y) => x - y)[0]).toBe(0);
    const tree = readRenderedTree(repo.root);
    expect(runCli(repo.root, ['check']).status).toBe(0);
    expect(readRenderedTree(repo.root)).toEqual(tree);
  }, 120_000);
});
