import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { deployRoot } from '@apim-gitops/renderer';
import { CommandError } from './command-error';
import { environmentNames } from './environment-files';
import { kustomizeBuild } from './kubectl';

/** The built objects as one multi-document YAML stream, in kustomize's order. */
export function manifestsYaml(objects: readonly unknown[]): string {
  return objects.map((o) => `---\n${YAML.stringify(o, { lineWidth: 0 })}`).join('');
}

/**
 * `build --env NAME [--output DIR]`: what Argo CD applies for NAME: the committed overlay built with
 * the project's kubectl (tools/src/kubectl.ts). Prints the manifests, or writes `DIR/NAME.yaml`.
 * Builds the committed tree as it is; run `render` first to see an uncommitted TypeScript change.
 */
export async function buildCommand(root: string, env: string | undefined, output: string | undefined): Promise<number> {
  const all = environmentNames(root);
  if (!env) throw new CommandError(`build: give the environment: build --env NAME (environments: ${all.join(', ') || 'none'})`);
  if (!all.includes(env)) throw new CommandError(`build: --env ${env}: no such environment (environments: ${all.join(', ') || 'none'})`);
  let objects: unknown[];
  try {
    objects = kustomizeBuild(root, `${deployRoot}/overlays/${env}`);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();
    throw new CommandError(`build: kubectl kustomize ${deployRoot}/overlays/${env} failed: ${stderr}`);
  }
  const yaml = manifestsYaml(objects);
  if (output === undefined) {
    // `build --env prod | head` closes the pipe early: that is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
    process.stdout.write(yaml);
    return 0;
  }
  mkdirSync(resolve(output), { recursive: true });
  const file = join(resolve(output), `${env}.yaml`);
  writeFileSync(file, yaml);
  console.log(`build: wrote ${objects.length} object(s) of ${env} to ${join(output, `${env}.yaml`)}`);
  return 0;
}
