import { checkCommand } from './check-command';
import { renderCommand } from './render-command';
import { validateCommand } from './validate-command';

const usage = `usage: node tools/bin/run.mjs <command> [options]
commands:
  render [--env NAME]…   render every environment (or the named ones) into deploy/
  check                  fail with a diff when the committed output is stale
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

/** Entry point of every developer command; returns the exit code. */
export async function main(args: readonly string[], root: string): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'render': {
        const envs = optionValues(rest, '--env');
        return await renderCommand(root, envs.length > 0 ? envs : undefined);
      }
      case 'check':
        return await checkCommand(root);
      case 'validate':
        return validateCommand(root, rest);
      default:
        console.error(usage);
        return 2;
    }
  } catch (error) {
    // Spec and render errors already say where and what; print them without a stack trace.
    const e = error as Error;
    const known = ['SpecError', 'RenderError', 'RenderFailure'].includes(e?.name);
    console.error(known ? e.message : (e?.stack ?? String(error)));
    console.error(`${command}: failed; nothing was written`);
    return 1;
  }
}
