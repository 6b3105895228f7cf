import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IntegrityFinding, Json, Manifest } from '@apim-gitops/renderer';
import { checkIntegrity, deployRoot, integrityRules, objectFileName } from '@apim-gitops/renderer';
import { environmentNames } from './environment-files';
import { kustomizeBuild } from './kubectl';

/** One finding in one environment, as `validate` prints it. */
export interface EnvironmentFinding extends IntegrityFinding {
  readonly environment: string;
  /** The committed files the object comes from: its base or overlay resource file, then its overlay patch. */
  readonly files?: readonly string[];
}

/** `<rule-id> <env> <kind>/<name>: <message>`, then the files the object comes from, when it has any. */
export function formatFinding(f: EnvironmentFinding): string {
  const [file, patch] = f.files ?? [];
  const where = file === undefined ? '' : ` (${file}${patch === undefined ? '' : `, patched by ${patch}`})`;
  return `${f.rule} ${f.environment} ${f.object}: ${f.message}${where}`;
}

/**
 * The committed files an environment's `Kind/name` is built from: the overlay's own resource or the
 * base file holding it, and the overlay's patch of it. Files are named for their object (layout.ts),
 * so this needs no index; an object added by hand under another name has none.
 */
export function committedFilesOf(root: string, environment: string, object: string): string[] {
  const [kind, name] = object.split('/') as [string, string];
  const file = objectFileName({ kind, metadata: { name } } as unknown as Json);
  const overlay = `${deployRoot}/overlays/${environment}`;
  const bases = existsSync(join(root, deployRoot, 'base')) ? readdirSync(join(root, deployRoot, 'base')).sort() : [];
  const source = [`${overlay}/resources/${file}`, ...bases.map((b) => `${deployRoot}/base/${b}/${file}`)].find((f) => existsSync(join(root, f)));
  const patch = `${overlay}/patches/${file}`;
  return source === undefined ? [] : [source, ...(existsSync(join(root, patch)) ? [patch] : [])];
}

/**
 * Builds every environment's overlay with the real `kubectl kustomize` and runs the integrity rules
 * over what it prints: that is what Argo CD applies, patches included, so a hand edit under
 * `deploy/` is checked as well as the renderer's own output.
 */
export function validateRepository(root: string): { environments: string[]; findings: EnvironmentFinding[] } {
  const environments = environmentNames(root);
  const findings: EnvironmentFinding[] = [];
  for (const environment of environments) {
    let objects: Manifest[];
    try {
      objects = kustomizeBuild(root, `${deployRoot}/overlays/${environment}`) as Manifest[];
    } catch (error) {
      // A broken overlay is itself a finding: Argo CD could not apply it either.
      const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().split('\n')[0];
      findings.push({ environment, rule: 'kustomize-build', object: `Kustomization/${environment}`, message: `kubectl kustomize ${deployRoot}/overlays/${environment} failed: ${stderr}` });
      continue;
    }
    for (const finding of checkIntegrity(objects, integrityRules)) {
      const files = committedFilesOf(root, environment, finding.object);
      findings.push({ environment, ...finding, ...(files.length > 0 ? { files } : {}) });
    }
  }
  findings.sort((a, b) => (formatFinding(a) < formatFinding(b) ? -1 : formatFinding(a) > formatFinding(b) ? 1 : 0));
  return { environments, findings };
}

/** `validate [--list]`: prints each finding, sorted, and a summary; exits 1 on any finding. */
export function validateCommand(root: string, args: readonly string[]): number {
  if (args.includes('--list')) {
    const width = Math.max(...integrityRules.map((r) => r.id.length));
    for (const rule of integrityRules) console.log(`${rule.id.padEnd(width)}  ${rule.description}`);
    return 0;
  }
  const { environments, findings } = validateRepository(root);
  for (const finding of findings) console.log(formatFinding(finding));
  const summary = `validate: ${findings.length} finding(s) from ${integrityRules.length} rules in ${environments.length} environment(s)`;
  console.log(summary);
  return findings.length > 0 ? 1 : 0;
}
