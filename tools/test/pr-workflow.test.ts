import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { satisfiesRange } from '../bin/node-engines.mjs';
import { usage } from '../src/cli';
import { repositoryRoot } from './temp-repository';

// No schema-aware validator (actionlint, a workflow JSON schema) is installed and none may be
// added, so this checks the workflow rules that hold without network access.
type Step = { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string };
type Job = { 'runs-on': string; needs?: string | string[]; if?: string; permissions?: Record<string, string>; outputs?: Record<string, string>; steps: Step[] };
type Workflow = { name?: string; on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

const text = readFileSync(join(repositoryRoot, '.github', 'workflows', 'pr.yml'), 'utf8');
const workflow = YAML.parse(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const verify = workflow.jobs.verify!;
const comment = workflow.jobs.comment!;
const {
  scripts,
  engines: { node: engines },
} = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
// The nx targets of every project (root package.json, packages' package.json, environments' project.json).
const nxTargets = new Set(
  ['package.json', 'packages/models/package.json', 'packages/renderer/package.json', 'tools/package.json'].flatMap((f) =>
    Object.keys((JSON.parse(readFileSync(join(repositoryRoot, f), 'utf8')) as { nx?: { targets?: object } }).nx?.targets ?? {}),
  ),
);
const cliCommands = usage
  .split('\n')
  .filter((l) => /^ {2}[a-z]/.test(l))
  .map((l) => l.trim().split(/\s+/)[0]!);

// The release each pinned commit is, checked against the actions' own tags.
const pinned: Record<string, { sha: string; tag: string }> = {
  'actions/checkout': { sha: '11bd71901bbe5b1630ceea73d27597364c9af683', tag: 'v4.2.2' },
  'actions/setup-node': { sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', tag: 'v4.4.0' },
  'actions/github-script': { sha: '60a0d83039c74a4aee543508d2ffcb1c3799cdea', tag: 'v7.0.1' },
  'actions/upload-artifact': { sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02', tag: 'v4.6.2' },
  'actions/download-artifact': { sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093', tag: 'v4.3.0' },
};

describe('.github/workflows/pr.yml', () => {
  it('parses as one YAML document without errors', () => {
    expect(YAML.parseAllDocuments(text).map((d) => d.errors)).toEqual([[]]);
  });

  it('runs on pull requests and grants nothing at the workflow level', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({});
  });

  it('gives each job only the permission it needs: verify reads the code, comment writes PR comments', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['comment', 'verify']);
    expect(verify.permissions).toEqual({ contents: 'read' });
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
  });

  it.each(Object.entries(workflow.jobs))('job %s has runs-on and a non-empty step list', (_, job) => {
    expect(typeof job['runs-on']).toBe('string');
    expect(Array.isArray(job.steps) && job.steps.length > 0).toBe(true);
  });

  it.each(steps.map((s) => [s.name ?? s.uses ?? s.run, s] as const))('step "%s" has exactly one of uses and run', (_, step) => {
    expect(Number(step.uses !== undefined) + Number(step.run !== undefined)).toBe(1);
    expect(
      Object.keys(step).every((k) =>
        ['name', 'uses', 'run', 'with', 'if', 'env', 'id', 'shell', 'working-directory', 'continue-on-error', 'timeout-minutes'].includes(k),
      ),
    ).toBe(true);
  });

  it.each(steps.filter((s) => s.uses).map((s) => [s.uses!]))('action %s is pinned to the full commit SHA of a known release', (uses) => {
    const [action, ref] = uses.split('@') as [string, string];
    expect(pinned[action], `${action} is not in the list of reviewed actions`).toBeDefined();
    expect(ref).toBe(pinned[action]!.sha);
  });

  it.each(Object.entries(pinned))('%s names its release in a comment beside the SHA', (action, { sha, tag }) => {
    for (const line of text.split('\n').filter((l) => l.includes(`${action}@`))) expect(line.trim()).toBe(`uses: ${action}@${sha} # ${tag}`);
  });

  it.each(verify.steps.filter((s) => s.run).map((s) => [s.run!.trim()]))('`%s` is a real npm script or tools command', (run) => {
    const npm = /^npm (?:run (\S+)|(test)|(ci))(\s|$)/.exec(run);
    const tool = /^node tools\/bin\/run\.mjs (\S+)/.exec(run);
    const affected = /^npx nx affected -t ([a-z][a-z-]*(?: [a-z][a-z-]*)*)/.exec(run);
    if (affected) for (const target of affected[1]!.trim().split(' ')) expect(nxTargets.has(target), `no project has the nx target ${target}`).toBe(true);
    else if (npm) expect(npm[3] === 'ci' || Object.hasOwn(scripts, npm[1] ?? npm[2]!), run).toBe(true);
    else if (tool) {
      const viaScript = Object.values(scripts).includes(`node tools/bin/run.mjs ${tool[1]}`);
      expect(cliCommands.includes(tool[1]!) || viaScript, run).toBe(true);
    } else expect.fail(`unknown command in the workflow: ${run}`);
  });

  it('puts no ${{ }} expression inside a shell command (values reach scripts through env)', () => {
    for (const step of steps.filter((s) => s.run)) expect(step.run, step.name).not.toContain('${{');
  });

  it('verify checks out full history without keeping the token, uses Node 24 (package.json engines) with the npm cache, and runs every gate before the diff', () => {
    const checkout = verify.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    const node = verify.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with).toMatchObject({ 'node-version': 24, cache: 'npm' });
    expect(satisfiesRange(`v${String(node?.with?.['node-version'])}.0.0`, engines)).toBe(true);
    const runs = verify.steps.map((s) => s.run ?? s.uses!);
    const affected = 'npx nx affected -t typecheck test --base="origin/$BASE_REF" --head=HEAD --outputStyle=static';
    expect(verify.steps.find((s) => s.run === affected)?.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    const order = ['npm ci', 'npm run lint', affected, 'node tools/bin/run.mjs check', 'node tools/bin/run.mjs validate --flows flows.md'];
    expect(order.every((r) => runs.includes(r))).toBe(true);
    expect(order.map((r) => runs.indexOf(r))).toEqual([...order.map((r) => runs.indexOf(r))].sort((a, b) => a - b));
    const diff = runs.indexOf('node tools/bin/run.mjs diff --base "origin/$BASE_REF" --markdown diff.md');
    expect(diff).toBeGreaterThan(runs.indexOf('node tools/bin/run.mjs validate --flows flows.md'));
    expect(verify.steps[diff]!.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
  });

  it('verify hands on diff.md (and the uncapped diff-full.md) as an artifact and posts nothing itself', () => {
    const upload = verify.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'rendered-diff', path: 'diff.md\ndiff-full.md\nflows.md\n' });
    expect(verify.steps.some((s) => s.uses?.startsWith('actions/github-script@'))).toBe(false);
    expect(verify.outputs).toEqual({ diff: '${{ steps.diff.outcome }}' });
  });

  it('comment runs after verify, checks nothing out, runs no command and takes only the diff artifact', () => {
    expect(comment.needs).toBe('verify');
    expect(comment.if).toContain("needs.verify.outputs.diff == 'success'");
    expect(comment.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(comment.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/download-artifact', 'actions/github-script']);
    expect(comment.steps.some((s) => s.run !== undefined)).toBe(false);
    expect(comment.steps[0]!.with).toMatchObject({ name: 'rendered-diff' });
  });

  it('comment treats the diff as data: read from a file, capped, mentions defused, no expression in the script', () => {
    const script = String(comment.steps[1]!.with!.script);
    expect(script).not.toContain('${{');
    expect(script).toContain('fs.readFileSync(process.env.DIFF_FILE');
    expect(script).toMatch(/text\.length > limit/);
    expect(script).toContain("replace(/@(?=[A-Za-z0-9_-])/g, '@\\u200b')");
    expect(script).not.toMatch(/\beval\(|new Function|child_process|exec\(/);
    expect(comment.steps[1]!.env).toEqual({ DIFF_FILE: '${{ runner.temp }}/rendered-diff/diff.md', FLOWS_FILE: '${{ runner.temp }}/rendered-diff/flows.md' });
    // The flow matrix from validate --flows is shown below the diff, read the same way.
    expect(script).toContain('fs.readFileSync(process.env.FLOWS_FILE');
  });
});
