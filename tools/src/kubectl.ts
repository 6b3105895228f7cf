import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import YAML from 'yaml';

/**
 * The kubectl that `npm ci` installed (tools/bin/install-kubectl.mjs) at `.cache/kubectl/kubectl`,
 * found from the working directory upwards; `APIM_KUBECTL` overrides it.
 */
export function kubectlPath(): string {
  if (process.env.APIM_KUBECTL) return process.env.APIM_KUBECTL;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, '.cache', 'kubectl', 'kubectl');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error('.cache/kubectl/kubectl is missing: run "npm ci" (or "node tools/bin/install-kubectl.mjs")');
}

/** `kubectl kustomize <root>/<dir>`, parsed into its documents. Throws with kustomize's own message. */
export function kustomizeBuild(root: string, dir: string): unknown[] {
  const target = isAbsolute(dir) ? dir : join(root, dir);
  const output = execFileSync(kubectlPath(), ['kustomize', target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  return YAML.parseAllDocuments(output)
    .map((d) => d.toJSON())
    .filter((d) => d !== null);
}
