import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowProof, IntegrityFinding, Json, Manifest } from '@apim-gitops/renderer';
import { checkIntegrity, deployRoot, flowMatrixMarkdown, integrityRules, objectFileName, proveFlows } from '@apim-gitops/renderer';
import { environmentNames } from './environment-files';
import { kustomizeBuild } from './kubectl';
import { loadEnvironment } from './load-environment';

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
export async function validateRepository(root: string): Promise<{ environments: string[]; findings: EnvironmentFinding[]; proofs: FlowProof[] }> {
  const environments = environmentNames(root);
  const findings: EnvironmentFinding[] = [];
  const proofs: FlowProof[] = [];
  for (const environment of environments) {
    let objects: Manifest[];
    try {
      objects = kustomizeBuild(root, `${deployRoot}/overlays/${environment}`) as Manifest[];
    } catch (error) {
      // A broken overlay is itself a finding: Argo CD could not apply it either.
      const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message)
        .trim()
        .split('\n')[0];
      findings.push({
        environment,
        rule: 'kustomize-build',
        object: `Kustomization/${environment}`,
        message: `kubectl kustomize ${deployRoot}/overlays/${environment} failed: ${stderr}`,
      });
      continue;
    }
    for (const finding of checkIntegrity(objects, integrityRules)) {
      const files = committedFilesOf(root, environment, finding.object);
      findings.push({ environment, ...finding, ...(files.length > 0 ? { files } : {}) });
    }
    // The flow proof needs the environment's wiring and egress model as well as what kustomize built.
    const proof = proveFlows(await loadEnvironment(root, environment), objects);
    proofs.push(proof);
    for (const r of proof.results.filter((x) => !x.ok))
      findings.push({
        environment,
        rule: 'network-flows',
        object: r.from,
        message:
          r.kind === 'needed'
            ? `needed flow blocked: ${r.why} to ${r.to} on ${r.port}/${r.protocol}; the NetworkPolicies must allow it`
            : `probe allowed: ${r.why}, to ${r.to} on ${r.port}/${r.protocol}; the NetworkPolicies must deny it`,
      });
  }
  findings.sort((a, b) => (formatFinding(a) < formatFinding(b) ? -1 : formatFinding(a) > formatFinding(b) ? 1 : 0));
  return { environments, findings, proofs };
}

/** Options of `validate`. */
export interface ValidateOptions {
  /** Print the rules and stop. */
  readonly list?: boolean;
  /** Print the findings as JSON on stdout instead of one line each. */
  readonly json?: boolean;
  /** Write the flow matrix as Markdown to this file (`-`: stdout). */
  readonly flows?: string;
}

/**
 * `validate [--list] [--json] [--flows FILE]`: prints each finding, sorted, and a summary; exits 1
 * on any finding. `--flows` also writes the network flow matrix as Markdown, for the PR.
 */
export async function validateCommand(root: string, options: ValidateOptions = {}): Promise<number> {
  if (options.list) {
    if (options.json)
      console.log(
        JSON.stringify(
          integrityRules.map((r) => ({ id: r.id, description: r.description })),
          null,
          2,
        ),
      );
    else {
      const width = Math.max(...integrityRules.map((r) => r.id.length));
      for (const rule of integrityRules) console.log(`${rule.id.padEnd(width)}  ${rule.description}`);
    }
    return 0;
  }
  const { environments, findings, proofs } = await validateRepository(root);
  if (options.flows !== undefined) {
    const markdown = flowMatrixMarkdown(proofs);
    if (options.flows === '-' && !options.json) console.log(markdown);
    else if (options.flows !== '-') writeFileSync(options.flows, markdown);
  }
  const checked = proofs.reduce((n, p) => n + p.results.length, 0);
  if (options.json) {
    console.log(JSON.stringify({ environments, rules: integrityRules.length, flows: checked, findings }, null, 2));
    return findings.length > 0 ? 1 : 0;
  }
  for (const finding of findings) console.log(formatFinding(finding));
  console.log(
    `validate: ${findings.length} finding(s) from ${integrityRules.length} rules and ${checked} network flows in ${environments.length} environment(s)`,
  );
  return findings.length > 0 ? 1 : 0;
}
