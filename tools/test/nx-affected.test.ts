import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './temp-repository';

// Pull requests run `nx affected -t typecheck test`: a package's suite runs only when nx counts the
// package as affected, and nx's cache replays it when its inputs hash the same. Both are only safe
// when each target's inputs name every file the target reads. These tests read that from nx itself
// (`nx show`) and from what the code really imports (esbuild's metafile, tsc's file list).

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const bin = (name: string) => join(repositoryRoot, 'node_modules', '.bin', name);
const run = (name: string, args: string[]) => execFileSync(bin(name), args, { cwd: repositoryRoot, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
const nxJson = <T>(args: string[]): T => JSON.parse(run('nx', [...args, '--json'])) as T;

type Target = { options?: { command?: string } };
const targetsOf = (project: string) => nxJson<{ targets: Record<string, Target> }>(['show', 'project', project]).targets;
const inputsOf = (task: string) => new Set(nxJson<{ files: string[] }>(['show', 'target', 'inputs', task]).files);
const affectedBy = (file: string) => new Set(nxJson<string[]>(['show', 'projects', '--affected', `--files=${file}`]));

/** Test files by Vitest project, as Vitest itself lists them. */
let testFiles: Map<string, string[]>;
/** The nx project whose `test` target runs each Vitest project. */
let testProjects: Map<string, string>;

beforeAll(() => {
  testFiles = new Map();
  for (const { file, projectName } of JSON.parse(run('vitest', ['list', '--filesOnly', '--json'])) as { file: string; projectName: string }[]) {
    testFiles.set(projectName, [...(testFiles.get(projectName) ?? []), relative(repositoryRoot, file)]);
  }
  testProjects = new Map();
  for (const project of nxJson<string[]>(['show', 'projects', '--with-target', 'test'])) {
    const vitestProject = /^vitest run --project (\S+)$/.exec(targetsOf(project).test?.options?.command ?? '')?.[1];
    if (vitestProject) testProjects.set(vitestProject, project);
  }
}, 120_000);

describe('nx targets for pull requests', () => {
  it('every test file belongs to a Vitest project that exactly one nx test target runs', () => {
    expect(testFiles.size).toBeGreaterThanOrEqual(3);
    for (const [vitestProject, files] of testFiles) {
      expect(files.length).toBeGreaterThan(0);
      expect(testProjects.get(vitestProject), `no nx test target runs vitest --project ${vitestProject}`).toBeDefined();
    }
    expect(testProjects.size).toBe(testFiles.size);
  });

  it("every file a suite's tests import is an input of its nx test target", async () => {
    for (const [vitestProject, files] of testFiles) {
      const task = `${testProjects.get(vitestProject)}:test`;
      const inputs = inputsOf(task);
      const { metafile } = await build({
        entryPoints: files.map((f) => join(repositoryRoot, f)),
        absWorkingDir: repositoryRoot,
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        outdir: 'out',
        logLevel: 'silent',
      });
      const imported = Object.keys(metafile.inputs).filter((f) => !f.includes('node_modules/'));
      expect(imported.length).toBeGreaterThan(files.length);
      expect(
        imported.filter((f) => !inputs.has(f)),
        `${task} would be skipped or replayed from the cache when these change`,
      ).toEqual([]);
    }
  }, 120_000);

  it('every file a type-check reads is an input of its nx typecheck target', () => {
    const projects = nxJson<string[]>(['show', 'projects', '--with-target', 'typecheck']);
    expect(projects).toEqual(expect.arrayContaining(['models', 'renderer', 'tools', 'apim-gitops']));
    for (const project of projects) {
      const tsconfig = /^tsc -p (\S+) --noEmit$/.exec(targetsOf(project).typecheck?.options?.command ?? '')?.[1];
      expect(tsconfig, `${project}:typecheck runs tsc -p <tsconfig> --noEmit`).toBeDefined();
      const read = run('tsc', ['-p', tsconfig!, '--listFilesOnly'])
        .split('\n')
        .filter((f) => f !== '' && !f.includes('/node_modules/'))
        .map((f) => relative(repositoryRoot, f));
      expect(read.length).toBeGreaterThan(0);
      const inputs = inputsOf(`${project}:typecheck`);
      expect(
        read.filter((f) => !inputs.has(f)),
        `${project}:typecheck`,
      ).toEqual([]);
    }
  }, 120_000);

  it('a change runs the suites it can break and skips the others', () => {
    const suites = (file: string) => [...testProjects.values()].filter((p) => affectedBy(file).has(p)).sort();
    // The renderer's code cannot break the models' tests; the CLI's cannot break either package's.
    expect(suites('packages/renderer/src/labels.ts')).toEqual(['renderer', 'tools']);
    expect(suites('tools/src/cli.ts')).toEqual(['tools']);
    // Every suite checks invariants on the committed environments and on the models.
    expect(suites('environments/prod/wso2.ts')).toEqual(['models', 'renderer', 'tools']);
    expect(suites('packages/models/src/quantity.ts')).toEqual(['models', 'renderer', 'tools']);
  }, 120_000);
});
