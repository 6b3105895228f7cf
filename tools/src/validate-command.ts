import type { IntegrityFinding, Manifest } from '@apim-gitops/renderer';
import { checkIntegrity, deployRoot, integrityRules } from '@apim-gitops/renderer';
import { environmentNames } from './environment-files';
import { kustomizeBuild } from './kubectl';

/** One finding in one environment, as `validate` prints it. */
export interface EnvironmentFinding extends IntegrityFinding {
  readonly environment: string;
}

/** `<rule-id> <env> <kind>/<name>: <message>`. */
export function formatFinding(f: EnvironmentFinding): string {
  return `${f.rule} ${f.environment} ${f.object}: ${f.message}`;
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
    for (const finding of checkIntegrity(objects, integrityRules)) findings.push({ environment, ...finding });
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
