import { relative } from 'node:path';
import { describeFileSystemError, isFileSystemError } from '@apim-gitops/renderer';
import { benchCommand } from './bench';
import { checkCommand } from './check-command';
import { diffCommand } from './diff-command';
import { liveDiffCommand } from './live-diff-command';
import { newEnvCommand } from './new-env-command';
import { promoteCommand } from './promote-command';
import { renderCommand } from './render-command';
import type { RenderLock } from './render-lock';
import { guardTree, treeCommands } from './tree-guard';
import { validateCommand } from './validate-command';

/** The command list, also read by the workflow test to check that CI calls real commands. */
export const usage = `usage: node tools/bin/run.mjs <command> [options]
commands:
  render [--env NAME]… [--allow-delete NAME]…
                         render every environment (or the named ones) into deploy/; deleting a
                         production environment's overlay needs --allow-delete NAME
  check                  fail with a diff when the committed output is stale
  diff [--base REV] [--markdown FILE]
                         rendered, per-object diff against REV (default origin/main, else HEAD)
  live-diff --env NAME    compare NAME's built objects with the cluster (needs a kubeconfig)
  promote --from A --to B [--only images|versions|all]
                         copy image tags (default) from A's TypeScript into B's, then re-render B
  new-env NAME --from ENV [--domain DOMAIN]
                         scaffold environments/NAME from ENV and render it
  bench                  render 1 … 1,000 synthetic environments and report time, memory, writes
  validate [--list]      run the integrity rules on every kustomize-built overlay (--list: print the rules)`;

/** Values of a repeatable `--flag VALUE` option. */
export function optionValues(args: readonly string[], flag: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag && args[i + 1] !== undefined) values.push(args[++i]!);
    else if (args[i]!.startsWith(`${flag}=`)) values.push(args[i]!.slice(flag.length + 1));
  }
  return values;
}

/** Errors that already say where and what, printed without a stack trace. */
const reported = ['SpecError', 'RenderError', 'RenderFailure', 'PromotionError', 'NewEnvironmentError', 'WriteError', 'LockError'];

/** What the CLI prints for an error: its message when it is one of ours or a file-system error, else its stack. */
export function errorReport(error: unknown, root: string): string {
  const e = error as Error;
  if (reported.includes(e?.name)) return e.message;
  if (isFileSystemError(error)) return describeFileSystemError(error, 'complete the command', (p) => relative(root, p) || '.').message;
  return e?.stack ?? String(error);
}

/** Entry point of every developer command; returns the exit code. */
export async function main(args: readonly string[], root: string): Promise<number> {
  const [command, ...rest] = args;
  let lock: RenderLock | undefined;
  try {
    if (command !== undefined && treeCommands.includes(command)) lock = guardTree(root, args.join(' '));
    switch (command) {
      case 'render': {
        const envs = optionValues(rest, '--env');
        return await renderCommand(root, envs.length > 0 ? envs : undefined, optionValues(rest, '--allow-delete'));
      }
      case 'check':
        return await checkCommand(root);
      case 'diff':
        return await diffCommand(root, { base: optionValues(rest, '--base').at(-1), markdown: optionValues(rest, '--markdown').at(-1) });
      case 'bench':
        return await benchCommand(root);
      case 'new-env':
        return await newEnvCommand(root, rest[0]?.startsWith('--') ? undefined : rest[0], optionValues(rest, '--from').at(-1), optionValues(rest, '--domain').at(-1));
      case 'live-diff':
        return await liveDiffCommand(root, optionValues(rest, '--env').at(-1));
      case 'promote':
        return await promoteCommand(root, optionValues(rest, '--from').at(-1), optionValues(rest, '--to').at(-1), optionValues(rest, '--only').at(-1));
      case 'validate':
        return validateCommand(root, rest);
      default:
        console.error(usage);
        return 2;
    }
  } catch (error) {
    console.error(errorReport(error, root));
    // A WriteError says itself whether the tree changed.
    console.error(`${command}: failed${(error as Error)?.name === 'WriteError' ? '' : '; nothing was written'}`);
    return 1;
  } finally {
    lock?.release();
  }
}
