import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandUsage, main, usage } from '../src/cli';
import { kustomizeBuild } from '../src/kubectl';
import { runCli, tempRepo, treeHashes } from './temp-repository';

const commandNames = [...usage.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!);
let repo: ReturnType<typeof tempRepo>;
beforeAll(() => {
  repo = tempRepo();
});
afterAll(() => repo.remove());
beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return () => vi.restoreAllMocks();
});
const printed = (stream: 'log' | 'error') =>
  vi
    .mocked(console[stream])
    .mock.calls.map((c) => String(c[0]))
    .join('\n');

describe('the CLI', () => {
  it('lists the commands it has', () => {
    expect(commandNames).toEqual(['render', 'check', 'diff', 'build', 'live-diff', 'promote', 'new-env', 'bench', 'validate', 'urls', 'schema']);
  });

  it.each(commandNames)('%s --help prints its usage, runs nothing and exits 0', async (name) => {
    const before = treeHashes(repo.root, 'deploy');
    const environments = treeHashes(repo.root, 'environments');
    expect(await main([name, '--help'], repo.root)).toBe(0);
    expect(printed('log')).toBe(commandUsage(name));
    expect(printed('error')).toBe('');
    expect(treeHashes(repo.root, 'deploy')).toEqual(before);
    expect(treeHashes(repo.root, 'environments')).toEqual(environments);
  });

  it('--help alone prints every command and exits 0; no command exits 2', async () => {
    expect(await main(['--help'], repo.root)).toBe(0);
    expect(printed('log')).toBe(usage);
    expect(await main([], repo.root)).toBe(2);
  });

  it('an unknown command exits 2 with the command list', async () => {
    expect(await main(['rendr'], repo.root)).toBe(2);
    expect(printed('error')).toContain('unknown command "rendr"');
    expect(printed('error')).toContain(usage);
  });

  it.each([
    [['render', '--evn', 'dev'], "Unknown option '--evn'", 'render'],
    [['diff', '--markdwn', 'x.md'], "Unknown option '--markdwn'", 'diff'],
    [['validate', '--flows'], "Option '--flows <value>' argument missing", 'validate'],
    [['check', 'extra'], "Unexpected argument 'extra'", 'check'],
    [['new-env', 'qa', 'qb', '--from', 'dev'], "Unexpected argument 'qb'", 'new-env'],
    [['urls', '--evn', 'prod'], "Unknown option '--evn'", 'urls'],
    [['urls', '--json'], 'give the environment: --env NAME', 'urls'],
  ])('%j exits 2 naming the mistake, with that command’s usage, and writes nothing', async (args, message, name) => {
    const before = treeHashes(repo.root, 'deploy');
    expect(await main(args, repo.root)).toBe(2);
    expect(printed('error')).toContain(message);
    expect(printed('error')).toContain(commandUsage(name));
    expect(treeHashes(repo.root, 'deploy')).toEqual(before);
  });

  it('render --evn dev, run as a process, exits 2 naming the flag and prints no stack trace', () => {
    const result = runCli(repo.root, ['render', '--evn', 'dev']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--evn');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('expected errors print their message without a stack trace and exit 1', async () => {
    expect(await main(['live-diff'], repo.root)).toBe(1);
    expect(await main(['build', '--env', 'nope'], repo.root)).toBe(1);
    expect(printed('error')).toContain('build: --env nope: no such environment (environments: dev, prod, prod-eu-west)');
    expect(printed('error')).not.toMatch(/\n\s+at /);
  });
});

describe('build', () => {
  it('build --env prod prints the kustomize-built manifests of the committed overlay', () => {
    const result = runCli(repo.root, ['build', '--env', 'prod']);
    expect(result.status).toBe(0);
    const printedObjects = YAML.parseAllDocuments(result.stdout)
      .map((d) => d.toJSON())
      .filter((d) => d !== null);
    expect(printedObjects).toEqual(kustomizeBuild(repo.root, 'deploy/overlays/prod'));
    expect(printedObjects.length).toBeGreaterThan(10);
  });

  it('build --env dev --output DIR writes DIR/dev.yaml', async () => {
    const out = join(repo.root, 'out');
    expect(await main(['build', '--env', 'dev', '--output', out], repo.root)).toBe(0);
    const written = YAML.parseAllDocuments(readFileSync(join(out, 'dev.yaml'), 'utf8'))
      .map((d) => d.toJSON())
      .filter((d) => d !== null);
    expect(written).toEqual(kustomizeBuild(repo.root, 'deploy/overlays/dev'));
  });
});
