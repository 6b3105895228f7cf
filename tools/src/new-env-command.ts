import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectLiteralExpression, SourceFile } from 'ts-morph';
import { Node, Project } from 'ts-morph';
import { reservedEnvironmentNames } from '@apim-gitops/renderer';
import { environmentFile, environmentNames, environmentsDir } from './environment-files';
import { renderCommand } from './render-command';

/** Thrown when the new environment cannot be made as asked; nothing has been written. */
export class NewEnvironmentError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(issues.join('\n'));
    this.name = 'NewEnvironmentError';
  }
}

const dnsLabel = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Problems with a new environment's name: it must be a DNS label (so is `apim-<name>`) and new. */
export function nameIssues(root: string, name: string | undefined): string[] {
  if (!name) return ['new-env: give the new environment a name: new-env NAME --from ENV'];
  const issues: string[] = [];
  if (!dnsLabel.test(name)) issues.push(`new-env: "${name}" is not a DNS label (lower-case letters, digits and "-", starting with a letter)`);
  // The namespace `apim-<name>` must fit in 63 characters too.
  if (name.length > 58) issues.push(`new-env: "${name}" is ${name.length} characters; at most 58 so that the namespace "apim-${name}" fits in 63`);
  if (existsSync(join(root, environmentsDir, name))) issues.push(`new-env: ${environmentsDir}/${name} already exists`);
  if (reservedEnvironmentNames.includes(name)) issues.push(`new-env: "${name}" is reserved (${reservedEnvironmentNames.join(', ')} are names the Argo CD manifests and the bases use)`);
  return issues;
}

/** The domain a copy gets when none is given: `dev.example.org` → `<name>.example.org`, else `<name>.<domain>`. */
export function derivedDomain(fromName: string, fromDomain: string, name: string): string {
  return fromDomain.startsWith(`${fromName}.`) ? `${name}.${fromDomain.slice(fromName.length + 1)}` : `${name}.${fromDomain}`;
}

function environmentObject(file: SourceFile): ObjectLiteralExpression | undefined {
  const expression = file.getExportAssignment((a) => !a.isExportEquals())?.getExpression();
  const argument = expression && Node.isCallExpression(expression) ? expression.getArguments()[0] : expression;
  return argument && Node.isObjectLiteralExpression(argument) ? argument : undefined;
}

/**
 * environment.ts of the copy: `name`, `domain` (and `namespace`, when set) rewritten in place with
 * ts-morph, so the rest of the file, comments included, stays as the source environment has it.
 */
export function rewriteEnvironment(text: string, from: string, name: string, domain: string | undefined): { text: string; domain: string } {
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile('environment.ts', text);
  const spec = environmentObject(file);
  const property = (key: string) => {
    const p = spec?.getProperty(key);
    return p && Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
  };
  const nameNode = property('name');
  const domainNode = property('domain');
  if (!spec || !Node.isStringLiteral(nameNode) || !Node.isStringLiteral(domainNode))
    throw new NewEnvironmentError([`new-env: ${environmentFile(from)}: expected \`export default defineEnvironment({ name: '…', domain: '…', … })\` with literal name and domain`]);
  const newDomain = domain ?? derivedDomain(from, domainNode.getLiteralValue(), name);
  nameNode.setLiteralValue(name);
  domainNode.setLiteralValue(newDomain);
  const namespace = property('namespace');
  if (Node.isStringLiteral(namespace)) namespace.setLiteralValue(`apim-${name}`);
  return { text: file.getFullText(), domain: newDomain };
}

/** project.json of the copy: the source's, with every mention of the source environment renamed. */
export function rewriteProject(text: string, from: string, name: string): string {
  const project = JSON.parse(text) as Record<string, unknown>;
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string')
      return value === from ? name : value.replace(new RegExp(`(--env |overlays/|environments/)${from}\\b`, 'g'), `$1${name}`);
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    return value;
  };
  return `${JSON.stringify(rename(project), null, 2)}\n`;
}

/**
 * `new-env NAME --from ENV [--domain DOMAIN]`: scaffolds `environments/NAME` from ENV and renders
 * the repository so its overlay (and its Argo CD Application) exist. When anything fails the new
 * folder is removed again and the rendered tree is untouched (the render writes nothing on failure).
 */
export async function newEnvCommand(root: string, name: string | undefined, from: string | undefined, domain: string | undefined): Promise<number> {
  const issues = nameIssues(root, name);
  const all = environmentNames(root);
  if (!from) issues.push('new-env: give the environment to copy: --from ENV');
  else if (!all.includes(from)) issues.push(`new-env: --from ${from}: no such environment (environments: ${all.join(', ') || 'none'})`);
  if (domain !== undefined && !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/.test(domain)) issues.push(`new-env: --domain "${domain}" is not a DNS domain`);
  if (issues.length > 0) throw new NewEnvironmentError(issues);

  const source = join(root, environmentsDir, from!);
  const target = join(root, environmentsDir, name!);
  const environment = rewriteEnvironment(readFileSync(join(source, 'environment.ts'), 'utf8'), from!, name!, domain);
  mkdirSync(target);
  try {
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      if (entry.name === 'environment.ts') writeFileSync(join(target, entry.name), environment.text);
      else if (entry.name === 'project.json') writeFileSync(join(target, entry.name), rewriteProject(readFileSync(join(source, entry.name), 'utf8'), from!, name!));
      else cpSync(join(source, entry.name), join(target, entry.name));
    }
    if (!existsSync(join(target, 'project.json'))) throw new NewEnvironmentError([`new-env: ${environmentsDir}/${from}/project.json is missing; every environment needs its nx project`]);
    // The whole repository renders so that whatever lists the environments (the Argo CD app) picks it up.
    await renderCommand(root, undefined);
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
  console.log(`new-env: ${environmentsDir}/${name} made from ${from} (domain ${environment.domain}); review its secrets store and sizes, then commit`);
  return 0;
}
