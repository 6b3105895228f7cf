import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeTree } from '@apim-gitops/renderer';
import { buildRenderedTree } from './built-objects';
import { CommandError } from './command-error';
import { git, revisionExists, withWorktree } from './git-worktree';
import type { DiffSummary } from './object-diff';
import { diffEnvironments, formatMarkdown, formatSummary } from './object-diff';
import { renderRepository } from './render-repository';

/** Options of `diff`. */
export interface DiffOptions {
  /** Revision to compare with; default `origin/main` when it exists, else `HEAD`. */
  readonly base?: string;
  /** Where to write the Markdown form (for a PR comment). */
  readonly markdown?: string;
  /** Print the changes as JSON (the DiffSummary) on stdout instead of the text summary. */
  readonly json?: boolean;
  /** Exit 1 when anything changes, like `git diff --exit-code`. */
  readonly exitCode?: boolean;
}

/** Where the uncapped Markdown goes: `diff.md` → `diff-full.md`. */
export function fullMarkdownPath(markdown: string): string {
  return /\.md$/i.test(markdown) ? markdown.replace(/\.md$/i, '-full.md') : `${markdown}-full.md`;
}

/** The revision `diff` compares with when none is given. */
export function defaultBase(root: string): string {
  return revisionExists(root, 'origin/main') ? 'origin/main' : 'HEAD';
}

/**
 * Renders `rev` with that revision's own code (its `tools/bin/run.mjs render`, in a temporary
 * worktree) and builds its overlays: what the cluster would get from that revision.
 */
export async function buildRevision(root: string, rev: string): Promise<Map<string, unknown[]>> {
  return withWorktree(root, rev, async (checkout) => {
    try {
      execFileSync(process.execPath, ['tools/bin/run.mjs', 'render'], { cwd: checkout, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`${rev}: rendering the base revision failed:\n${`${e.stdout ?? ''}${e.stderr ?? ''}`.trim()}`);
    }
    return buildRenderedTree(checkout);
  });
}

/**
 * Renders the working tree in memory, writes it into a temporary folder (never into deploy/, so
 * `diff` has no side effects) and builds its overlays.
 */
export async function buildWorkingTree(root: string): Promise<Map<string, unknown[]>> {
  const render = await renderRepository(root);
  const temp = mkdtempSync(join(tmpdir(), 'apim-diff-work-'));
  try {
    symlinkSync(join(root, '.cache'), join(temp, '.cache'));
    writeTree(temp, render.files, render.scopes, { durable: false });
    return buildRenderedTree(temp);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Computes the rendered diff between `base` and the working tree. */
export async function renderedDiff(root: string, base: string): Promise<DiffSummary> {
  if (!revisionExists(root, base)) throw new CommandError(`diff: --base ${base}: not a commit in this repository (try "git fetch" or a branch name)`);
  const before = await buildRevision(root, base);
  const after = await buildWorkingTree(root);
  return diffEnvironments(before, after);
}

/** `diff [--base REV] [--markdown FILE] [--json] [--exit-code]`: per-environment, per-object semantic diff. */
export async function diffCommand(root: string, options: DiffOptions): Promise<number> {
  const started = performance.now();
  const base = options.base ?? defaultBase(root);
  const summary = await renderedDiff(root, base);
  const label = `${base} (${git(root, ['rev-parse', '--short', base])})`;
  if (options.json) console.log(JSON.stringify({ base: label, ...summary }, null, 2));
  else console.log(`${formatSummary(summary).replace(/^diff: /m, `diff against ${label}: `)} in ${Math.round(performance.now() - started)} ms`);
  if (options.markdown) {
    // The comment is capped below GitHub's 65,536 characters; the whole diff goes beside it, into
    // the job's artifact (.github/workflows/pr.yml uploads both).
    const full = fullMarkdownPath(options.markdown);
    const note = `The full diff is \`${basename(full)}\` in the job's \`rendered-diff\` artifact (or run \`npm run diff\`).`;
    writeFileSync(resolve(options.markdown), formatMarkdown(summary, label, { truncatedNote: note }));
    writeFileSync(resolve(full), formatMarkdown(summary, label, { limit: Number.POSITIVE_INFINITY }));
    // With --json stdout is the JSON alone; the note goes to stderr.
    (options.json ? console.error : console.log)(`diff: wrote ${options.markdown} and ${full}`);
  }
  const changed = summary.environments.some((e) => e.status !== 'unchanged');
  return options.exitCode && changed ? 1 : 0;
}
