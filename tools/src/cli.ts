import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { describeFileSystemError, isFileSystemError } from '@apim-gitops/renderer/src/write-error';
export { CommandError } from './command-error';
import type { RenderLock } from './render-lock';
import { guardTree, treeCommands } from './tree-guard';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One developer command: its usage line(s), its flags (parsed strictly) and what it runs. */
interface Command {
  readonly synopsis: string;
  readonly description: string;
  readonly options: Options;
  /** How many positional arguments it takes (default none). */
  readonly positionals?: number;
  readonly run: (root: string, values: Values, positionals: string[], context: RunContext) => Promise<number>;
}

/** What run.mjs knows about the running code. */
export interface RunContext {
  /**
   * A key of the CLI's code as run.mjs bundled it (its sources, the lockfile, esbuild's options, Node):
   * generations made by the same code can be reused. Absent when the CLI is imported from source (tests).
   */
  readonly codeKey?: string;
}

const help: Options = { help: { type: 'boolean', short: 'h' } };
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Every command, in the order `usage` lists them. Each one imports its code when it runs, so a
 * command loads only what it uses (ts-morph for promote and new-env, the Kubernetes client for
 * live-diff, the diff machinery for diff); esbuild puts each in a chunk of its own.
 */
const commands: Record<string, Command> = {
  render: {
    synopsis: 'render [--env NAME]… [--allow-delete NAME]… [--force]',
    description:
      "render every environment (or the named ones) into deploy/; deleting a production environment's overlay needs --allow-delete NAME\n(skips the render when every input and file is as deploy/render-index.txt records; --force renders anyway)",
    options: { env: { type: 'string', multiple: true }, 'allow-delete': { type: 'string', multiple: true }, force: { type: 'boolean' } },
    run: async (root, v) =>
      (await import('./render-command')).renderCommand(root, list(v.env).length > 0 ? list(v.env) : undefined, list(v['allow-delete']), v.force === true),
  },
  check: {
    synopsis: 'check',
    description: 'fail with a diff when the committed output is stale',
    options: {},
    run: async (root, _v, _p, context) => (await import('./check-command')).checkCommand(root, context.codeKey),
  },
  diff: {
    synopsis: 'diff [--base REV] [--markdown FILE] [--json] [--exit-code]',
    description:
      'rendered, per-object diff against REV (default origin/main, else HEAD)\n(--json: the changes as JSON on stdout; --exit-code: exit 1 when anything changes)',
    options: { base: { type: 'string' }, markdown: { type: 'string' }, json: { type: 'boolean' }, 'exit-code': { type: 'boolean' } },
    run: async (root, v) =>
      (await import('./diff-command')).diffCommand(root, {
        base: text(v.base),
        markdown: text(v.markdown),
        json: v.json === true,
        exitCode: v['exit-code'] === true,
      }),
  },
  build: {
    synopsis: 'build --env NAME [--output DIR]',
    description: "print NAME's kustomize-built manifests as committed (or write them to DIR/NAME.yaml)",
    options: { env: { type: 'string' }, output: { type: 'string' } },
    run: async (root, v) => (await import('./build-command')).buildCommand(root, text(v.env), text(v.output)),
  },
  'live-diff': {
    synopsis: 'live-diff --env NAME',
    description: "compare NAME's built objects with the cluster (needs a kubeconfig)",
    options: { env: { type: 'string' } },
    run: async (root, v) => (await import('./live-diff-command')).liveDiffCommand(root, text(v.env)),
  },
  promote: {
    synopsis: 'promote --from A --to B [--only images|versions|all|PATH]',
    description:
      "copy image tags (default) from A's TypeScript into B's, then re-render B\n(images built per environment, such as axway.images.gateway, only when --only names their PATH)",
    options: { from: { type: 'string' }, to: { type: 'string' }, only: { type: 'string' } },
    run: async (root, v) => (await import('./promote-command')).promoteCommand(root, text(v.from), text(v.to), text(v.only)),
  },
  'new-env': {
    synopsis: 'new-env NAME --from ENV [--domain DOMAIN]',
    description: 'scaffold environments/NAME from ENV and render it',
    options: { from: { type: 'string' }, domain: { type: 'string' } },
    positionals: 1,
    run: async (root, v, p) => (await import('./new-env-command')).newEnvCommand(root, p[0], text(v.from), text(v.domain)),
  },
  bench: {
    synopsis: 'bench',
    description: 'render 1 … 1,000 synthetic environments and report time, memory, writes',
    options: {},
    run: async (root) => (await import('./bench')).benchCommand(root),
  },
  validate: {
    synopsis: 'validate [--list] [--json] [--flows FILE]',
    description:
      'run the integrity rules and the network flow proof on every kustomize-built overlay\n(--list: print the rules; --json: the findings as JSON; --flows: write the flow matrix as Markdown to FILE, "-" for stdout)',
    options: { list: { type: 'boolean' }, json: { type: 'boolean' }, flows: { type: 'string' } },
    run: async (root, v) => (await import('./validate-command')).validateCommand(root, { list: v.list === true, json: v.json === true, flows: text(v.flows) }),
  },
  urls: {
    synopsis: 'urls --env NAME [--json]',
    description:
      "print NAME's consoles and public endpoints (WSO2 portals and gateway, Axway ANM, API Manager, traffic)\n(--json: an array of { stack, name, url })",
    options: { env: { type: 'string' }, json: { type: 'boolean' } },
    run: async (root, v) =>
      text(v.env) === undefined
        ? usageError('urls', 'give the environment: --env NAME')
        : (await import('./urls-command')).urlsCommand(root, text(v.env)!, v.json === true),
  },
  schema: {
    synopsis: 'schema',
    description: 'regenerate the JSON Schemas and docs/environment-reference.md from the spec types',
    options: {},
    run: async (root, _v, _p, context) => (await import('./schema-command')).schemaCommand(root, context.codeKey),
  },
};

const column = 25;
function usageLines(name: string): string[] {
  const c = commands[name]!;
  const [first, ...more] = c.description.split('\n');
  const head = c.synopsis.length + 2 < column - 1 ? [`  ${c.synopsis.padEnd(column - 3)}${first}`] : [`  ${c.synopsis}`, `${' '.repeat(column - 1)}${first}`];
  return [...head, ...more.map((l) => `${' '.repeat(column - 1)}${l}`)];
}

/** The command list, also read by the workflow and README tests to check that they call real commands. */
export const usage = [
  'usage: node tools/bin/run.mjs <command> [options]   (every command also takes --help)',
  'commands:',
  ...Object.keys(commands).flatMap(usageLines),
].join('\n');

/** One command's usage: its synopsis and what it does. */
export function commandUsage(name: string): string {
  const c = commands[name]!;
  return [`usage: node tools/bin/run.mjs ${c.synopsis}`, ...c.description.split('\n').map((l) => `  ${l}`)].join('\n');
}

/** A required flag is missing: misuse, like an unknown flag, so the command's usage and exit code 2. */
async function usageError(name: string, message: string): Promise<number> {
  console.error(`${name}: ${message}\n${commandUsage(name)}`);
  return 2;
}

/** Errors whose message already says what and where: printed without a stack trace. */
const expectedErrors = ['SpecError', 'RenderError', 'RenderFailure', 'PromotionError', 'NewEnvironmentError', 'CommandError', 'WriteError', 'LockError'];

/** What the CLI prints for an error: its message when it is one of ours or a file-system error, else its stack. */
export function errorReport(error: unknown, root: string): string {
  const e = error as Error;
  if (expectedErrors.includes(e?.name)) return e.message;
  if (isFileSystemError(error)) return describeFileSystemError(error, 'complete the command', (p) => relative(root, p) || '.').message;
  return e?.stack ?? String(error);
}

/** Entry point of every developer command; returns the exit code (0 ok, 1 failed, 2 usage error). */
export async function main(args: readonly string[], root: string, context: RunContext = {}): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? console.error : console.log)(usage);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`run.mjs: unknown command "${name}"\n${usage}`);
    return 2;
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, ...help },
      strict: true,
      allowPositionals: (command.positionals ?? 0) > 0,
    }) as typeof parsed;
    if (parsed.positionals.length > (command.positionals ?? 0)) throw new Error(`Unexpected argument '${parsed.positionals[command.positionals ?? 0]}'`);
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}\n${commandUsage(name)}`);
    return 2;
  }
  if (parsed.values.help === true) {
    console.log(commandUsage(name));
    return 0;
  }
  // Commands that read or write the rendered tree take the render lock and finish (or drop) an
  // interrupted write first, so no two writers ever run and nothing reads a half-written tree.
  let lock: RenderLock | undefined;
  try {
    if (treeCommands.includes(name)) lock = guardTree(root, args.join(' '));
    return await command.run(root, parsed.values, parsed.positionals, context);
  } catch (error) {
    console.error(errorReport(error, root));
    // A WriteError says itself whether the tree changed.
    console.error(`${name}: failed${(error as Error)?.name === 'WriteError' ? '' : '; nothing was written'}`);
    return 1;
  } finally {
    lock?.release();
  }
}
