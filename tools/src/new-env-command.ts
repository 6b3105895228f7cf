import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectLiteralExpression, SourceFile } from 'ts-morph';
import { Node, Project } from 'ts-morph';
import { reservedEnvironmentNames } from '@apim-gitops/renderer';
import { derivedFrom } from './environment-derivation';
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
  if (reservedEnvironmentNames.includes(name))
    issues.push(`new-env: "${name}" is reserved (${reservedEnvironmentNames.join(', ')} are names the Argo CD manifests and the bases use)`);
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

/** The initializer of `key` in an object literal, when `node` is one. */
function nestedProperty(node: Node | undefined, key: string): Node | undefined {
  if (!node || !Node.isObjectLiteralExpression(node)) return undefined;
  const p = node.getProperty(key);
  return p && Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
}

/**
 * environment.ts of the copy: `name`, `domain` (and, when set, `namespace`, the source's name in
 * the secret store's name and the `<source>/` prefix of remote keys) rewritten in place with
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
    throw new NewEnvironmentError([
      `new-env: ${environmentFile(from)}: expected \`export default defineEnvironment({ name: '…', domain: '…', … })\` with literal name and domain`,
    ]);
  const newDomain = domain ?? derivedDomain(from, domainNode.getLiteralValue(), name);
  nameNode.setLiteralValue(name);
  domainNode.setLiteralValue(newDomain);
  const namespace = property('namespace');
  if (Node.isStringLiteral(namespace)) namespace.setLiteralValue(`apim-${name}`);
  // An environment may not read a store named for another one (vault-prod for staging): rename
  // the source environment's word in the store name, as for the namespace.
  const store = nestedProperty(nestedProperty(property('secrets'), 'store'), 'name');
  if (Node.isStringLiteral(store)) store.setLiteralValue(store.getLiteralValue().replace(new RegExp(`(^|[-.])${from}(?=[-.]|$)`, 'g'), `$1${name}`));
  const remoteKeys = nestedProperty(property('secrets'), 'remoteKeys');
  if (remoteKeys && Node.isObjectLiteralExpression(remoteKeys))
    for (const p of remoteKeys.getProperties()) {
      const key = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
      if (Node.isStringLiteral(key) && key.getLiteralValue().startsWith(`${from}/`))
        key.setLiteralValue(`${name}/${key.getLiteralValue().slice(from.length + 1)}`);
    }
  return { text: file.getFullText(), domain: newDomain };
}

/** What a copy must not inherit: written as this, which validation refuses, until the user sets it. */
export const placeholder = 'SET ME';

/** One value of the source the copy does not carry: where it was and what it held. */
export interface Placeholder {
  readonly file: string;
  readonly path: string;
  readonly was: string;
}

/**
 * Property names whose values point at the source's data: data-store hosts, the CIDRs of its networks,
 * its DNS target (`dns.target`: the copy's hosts would point at the source's load balancer) and its backup
 * bucket (`backups.objectStorage.bucket`: the copy would write into the source's backups).
 */
const sourceDataKeys = new Set(['host', 'hosts', 'cidrs', 'clusterCidrs', 'target', 'bucket']);

function propertyPath(node: Node): string {
  const names: string[] = [];
  for (let n: Node | undefined = node; n; n = n.getParent()) if (Node.isPropertyAssignment(n)) names.unshift(n.getName());
  return names.join('.');
}

/**
 * Replaces, in one environment file, every value that would point the copy at the source's data:
 * data-store hosts (`host`, `hosts`), network ranges (`cidrs`, `clusterCidrs`), the DNS target and backup
 * bucket (`target`, `bucket`) and, when set,
 * `production`. Each becomes `SET-ME`, which the models refuse (it is no DNS name, CIDR or
 * boolean), so the copy cannot render, let alone reach the source's databases, until a person
 * sets them. Returns the new text and what was replaced.
 */
export function replaceSourceData(text: string, file: string): { text: string; placeholders: Placeholder[] } {
  const project = new Project({ useInMemoryFileSystem: true });
  const source = project.createSourceFile(file, text);
  const placeholders: Placeholder[] = [];
  const assignments = source.getDescendants().filter(Node.isPropertyAssignment);
  for (const assignment of assignments) {
    if (assignment.wasForgotten()) continue;
    const name = assignment.getName();
    const value = assignment.getInitializer();
    if (!value) continue;
    if (name === 'production' && value.getText() !== 'false') {
      placeholders.push({ file, path: propertyPath(assignment), was: value.getText() });
      value.replaceWithText(`'${placeholder}' as unknown as boolean`);
    } else if (sourceDataKeys.has(name) && (Node.isStringLiteral(value) || Node.isArrayLiteralExpression(value))) {
      placeholders.push({ file, path: propertyPath(assignment), was: value.getText().replace(/\s+/g, ' ') });
      value.replaceWithText(Node.isStringLiteral(value) ? `'${placeholder}'` : `['${placeholder}']`);
    }
  }
  return { text: source.getFullText(), placeholders };
}

/** project.json of the copy: the source's, with every mention of the source environment renamed. */
export function rewriteProject(text: string, from: string, name: string): string {
  const project = JSON.parse(text) as Record<string, unknown>;
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') return value === from ? name : value.replace(new RegExp(`(--env |overlays/|environments/)${from}\\b`, 'g'), `$1${name}`);
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
  else {
    const base = derivedFrom(root, from);
    if (base)
      issues.push(
        `new-env: --from ${from}: is derived from ${base} (${environmentFile(from)}: deriveEnvironment) and holds only its overrides: copy ${base} (--from ${base}), or derive the new environment from ${base} the same way`,
      );
  }
  if (domain !== undefined && !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/.test(domain)) issues.push(`new-env: --domain "${domain}" is not a DNS domain`);
  if (issues.length > 0) throw new NewEnvironmentError(issues);

  const source = join(root, environmentsDir, from!);
  const target = join(root, environmentsDir, name!);
  const environment = rewriteEnvironment(readFileSync(join(source, 'environment.ts'), 'utf8'), from!, name!, domain);
  const placeholders: Placeholder[] = [];
  mkdirSync(target);
  try {
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      if (entry.name === 'project.json') writeFileSync(join(target, entry.name), rewriteProject(readFileSync(join(source, entry.name), 'utf8'), from!, name!));
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const text = entry.name === 'environment.ts' ? environment.text : readFileSync(join(source, entry.name), 'utf8');
        const replaced = replaceSourceData(text, `${environmentsDir}/${name}/${entry.name}`);
        placeholders.push(...replaced.placeholders);
        writeFileSync(join(target, entry.name), replaced.text);
      } else cpSync(join(source, entry.name), join(target, entry.name));
    }
    if (!existsSync(join(target, 'project.json')))
      throw new NewEnvironmentError([`new-env: ${environmentsDir}/${from}/project.json is missing; every environment needs its nx project`]);
    // The whole repository renders so that whatever lists the environments (the Argo CD app) picks it up.
    if (placeholders.length === 0) await renderCommand(root, undefined);
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
  const made = `new-env: ${environmentsDir}/${name} made from ${from} (domain ${environment.domain}, secret store and remote keys renamed for ${name})`;
  if (placeholders.length === 0) {
    console.log(`${made}; review its secrets store and sizes, then commit`);
    return 0;
  }
  // Nothing of the source's data is carried over: the user sets each value, then renders.
  console.log(`${made}; not rendered: set these ${placeholders.length} value(s), which hold "${placeholder}" (the render refuses them) instead of ${from}'s:`);
  for (const p of placeholders) console.log(`  ${p.file}: ${p.path}   (${from} has ${p.was})`);
  console.log(`then run "npx nx run render" and commit`);
  return 0;
}
