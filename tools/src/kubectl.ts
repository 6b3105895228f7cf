import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

/** The kubectl that `npm ci` installed (tools/bin/install-kubectl.mjs). */
export function kubectlPath(root: string): string {
  const path = join(root, '.cache', 'kubectl', 'kubectl');
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm ci" (or "node tools/bin/install-kubectl.mjs")`);
  return path;
}

/** `kubectl kustomize <dir>`, parsed into its documents. Throws with kustomize's own message. */
export function kustomizeBuild(root: string, dir: string): unknown[] {
  const output = execFileSync(kubectlPath(root), ['kustomize', join(root, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  return YAML.parseAllDocuments(output).map((d) => d.toJSON()).filter((d) => d !== null);
}
