import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import YAML from 'yaml';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { writeFileAtomic } from '../bin/bundle-cache.mjs';

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

/** Every file below `dir` (absolute), recursively, as absolute paths. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
  );
}

/**
 * The folders a kustomize build of `dir` reads: `dir` itself and, followed through every
 * kustomization.yaml in them, each folder a `../` reference points to (an overlay's bases).
 */
function kustomizeFolders(dir: string, seen = new Set<string>()): Set<string> {
  if (seen.has(dir)) return seen;
  seen.add(dir);
  for (const file of filesBelow(dir).filter((f) => f.endsWith('kustomization.yaml')))
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:^|[\s'"])(\.\.\/[^\s'"]*)/gm)) {
      const target = resolve(dirname(file), match[1]!);
      if (existsSync(target)) kustomizeFolders(statSync(target).isDirectory() ? target : dirname(target), seen);
    }
  return seen;
}

/**
 * A content key for a kustomize build of `target`: the kubectl it runs and every file of every
 * folder the build reads, so the same tree builds once however many tests or commands ask.
 */
function buildKey(kubectl: string, target: string): string {
  const hash = createHash('sha256').update(readFileSync(kubectl.replace(/kubectl$/, 'version'), 'utf8'));
  const files = [...new Set([...kustomizeFolders(target)].flatMap(filesBelow))].sort();
  for (const file of files)
    hash
      .update(`${relative(target, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex').slice(0, 32);
}

/**
 * `kubectl kustomize <root>/<dir>` with `<root>`'s kubectl, parsed into its documents. Throws with
 * kustomize's own message. A successful build's output is kept in `<root>/.cache/kustomize/` under
 * a hash of everything it read (see buildKey) and reused while that is unchanged: kustomize's
 * output is a function of those files, and each build costs a process and 50–400 ms.
 */
export function kustomizeBuild(root: string, dir: string): unknown[] {
  const target = isAbsolute(dir) ? dir : join(root, dir);
  const kubectl = kubectlPath(root);
  const cacheDir = join(root, '.cache', 'kustomize');
  const cached =
    existsSync(join(root, '.cache')) && existsSync(kubectl.replace(/kubectl$/, 'version')) ? join(cacheDir, `${buildKey(kubectl, target)}.yaml`) : undefined;
  let output: string | undefined;
  try {
    if (cached) output = readFileSync(cached, 'utf8');
  } catch {
    output = undefined;
  }
  if (output === undefined) {
    output = execFileSync(kubectl, ['kustomize', target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    if (cached) {
      mkdirSync(cacheDir, { recursive: true });
      writeFileAtomic(cached, output);
    }
  }
  return YAML.parseAllDocuments(output)
    .map((d) => d.toJSON())
    .filter((d) => d !== null);
}
