import type { ResolvedConsole } from '@apim-gitops/models';
import { environmentConsoles } from '@apim-gitops/models';
import { CommandError } from './command-error';
import { environmentNames } from './environment-files';
import { loadEnvironment } from './load-environment';

/** The console table as aligned text: one console per line, its name, then its URL. */
export function consoleTable(env: string, consoles: readonly ResolvedConsole[]): string {
  const width = Math.max(...consoles.map((c) => c.name.length), 'console'.length);
  return [`${'console'.padEnd(width)}  url   (${env})`, ...consoles.map((c) => `${c.name.padEnd(width)}  ${c.url}`)].join('\n');
}

/**
 * `urls --env NAME [--json]`: the consoles and public endpoints of NAME, as the models decided them
 * (`environmentConsoles`): WSO2's Publisher, Developer Portal, Admin portal, Carbon console and Universal
 * Gateway endpoints, Axway's API Gateway Manager, API Manager UI and API traffic. A stack NAME does not
 * run has no rows. `--json` prints them as an array of `{ stack, name, url }`.
 */
export async function urlsCommand(root: string, env: string, json: boolean): Promise<number> {
  const all = environmentNames(root);
  if (!all.includes(env)) throw new CommandError(`urls: --env ${env}: no such environment (environments: ${all.join(', ') || 'none'})`);
  const consoles = environmentConsoles(await loadEnvironment(root, env));
  console.log(json ? JSON.stringify(consoles, null, 2) : consoleTable(env, consoles));
  return 0;
}
