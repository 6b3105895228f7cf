import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import YAML from 'yaml';

/** Where `npm ci` (tools/bin/install-kubectl.mjs) puts kubectl, relative to the repository root. */
export const kubectlInRepository = join('.cache', 'kubectl', 'kubectl');

/**
 * The kubectl that `npm ci` installed into `<root>/.cache/kubectl/kubectl`, and no other: no
 * search of parent folders, `PATH` or the environment, so a binary planted above the repository
 * (or a variable set by whoever calls us) is never run. Temporary trees link the repository's
 * `.cache` into themselves.
 */
export function kubectlPath(root: string): string {
  const candidate = join(root, kubectlInRepository);
  if (existsSync(candidate)) return candidate;
  throw new Error(`${candidate} is missing: run "npm ci" (or "node tools/bin/install-kubectl.mjs") in ${root}`);
}

/** `kubectl kustomize <root>/<dir>` with `<root>`'s kubectl, parsed into its documents. Throws with kustomize's own message. */
export function kustomizeBuild(root: string, dir: string): unknown[] {
  const target = isAbsolute(dir) ? dir : join(root, dir);
  const output = execFileSync(kubectlPath(root), ['kustomize', target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  return YAML.parseAllDocuments(output)
    .map((d) => d.toJSON())
    .filter((d) => d !== null);
}
