import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node, Project } from 'ts-morph';
import { derivedFrom } from './environment-derivation';
import { environmentFile, environmentNames, environmentsDir } from './environment-files';
import { renderCommand } from './render-command';
import type { PromotionKind } from './spec-literals';
import { findPropertyPaths, findSpecLiterals } from './spec-literals';

/** One value carried from one environment to another. */
export interface Promotion {
  readonly file: string;
  readonly path: string;
  readonly from: string;
  readonly to: string;
}

/** Thrown when promotion cannot be done as asked; nothing has been written. */
export class PromotionError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(issues.join('\n'));
    this.name = 'PromotionError';
  }
}

const kinds: readonly PromotionKind[] = ['images', 'versions', 'all'];

/**
 * Images built for each environment, never copied from another: the Axway gateway image has the
 * environment's FED, certificates and `--group-id` baked in (see `AxwayImagesSpec.gateway` in
 * packages/models/src/axway/spec.ts), so dev's tag in prod would run dev's configuration. Property
 * paths as the environment files have them; `promote` leaves them unless `--only` names one.
 */
export const perEnvironmentImages: readonly string[] = ['axway.images.gateway'];

/** What `--only` selects: a kind, or one property path (`--only axway.images.gateway`). */
export interface PromotionSelection {
  readonly kind: PromotionKind;
  /** Set when `--only` names a path: only literals at or under it. */
  readonly path?: string;
}

/** Checks the `--only` value: `images`, `versions`, `all` or a property path such as `axway.images.gateway`. */
export function promotionSelection(value: string | undefined): PromotionSelection {
  if (value === undefined) return { kind: 'images' };
  if ((kinds as readonly string[]).includes(value)) return { kind: value as PromotionKind };
  if (/^[A-Za-z_$][\w$]*(\.[\w$]+)+$/.test(value)) return { kind: 'all', path: value };
  throw new PromotionError([`promote: --only ${value}: unknown (choose ${kinds.join(', ')}, or a property path such as ${perEnvironmentImages[0]})`]);
}

/** Checks the `--only` value and returns the kind it selects. */
export function promotionKind(value: string | undefined): PromotionKind {
  return promotionSelection(value).kind;
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** Whether a literal is part of an image built per environment. */
export function isPerEnvironment(path: string): boolean {
  return perEnvironmentImages.some((prefix) => under(path, prefix));
}

function typeScriptFiles(root: string, env: string): string[] {
  return readdirSync(join(root, environmentsDir, env))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
}

/**
 * Plans a promotion: every selected literal of `from` is looked up at the same file and property
 * path in `to`. Returns the new text of each changed file of `to` and what changes, or throws a
 * PromotionError listing every path `to` lacks. Reads only; writes nothing.
 */
export function planPromotion(
  root: string,
  from: string,
  to: string,
  kind: PromotionKind,
  path?: string,
): { texts: Map<string, string>; promotions: Promotion[]; left: string[] } {
  const all = environmentNames(root);
  const issues: string[] = [];
  for (const env of [from, to]) if (!all.includes(env)) issues.push(`promote: environment "${env}" does not exist (environments: ${all.join(', ') || 'none'})`);
  if (from === to) issues.push(`promote: --from and --to are both "${from}"`);
  // A derived environment has no image tags of its own: it runs its base's, through the import.
  for (const [flag, env] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    const base = all.includes(env) ? derivedFrom(root, env) : undefined;
    if (base)
      issues.push(
        `promote: ${flag} ${env}: is derived from ${base} (${environmentFile(env)}: deriveEnvironment), so its image tags are ${base}'s: promote ${flag} ${base}, and ${env} follows in the same commit`,
      );
  }
  if (issues.length > 0) throw new PromotionError(issues);

  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const texts = new Map<string, string>();
  const promotions: Promotion[] = [];
  const left: string[] = [];
  let matched = 0;
  for (const name of typeScriptFiles(root, from)) {
    const source = project.addSourceFileAtPath(join(root, environmentsDir, from, name));
    const literals = findSpecLiterals(source, kind).filter((l) => {
      if (path !== undefined) {
        if (under(l.path, path)) matched++;
        return under(l.path, path);
      }
      // Built per environment: copied only when --only names it.
      if (isPerEnvironment(l.path)) left.push(l.path);
      return !isPerEnvironment(l.path);
    });
    if (literals.length === 0) continue;
    const targetPath = join(root, environmentsDir, to, name);
    const targetName = `${environmentsDir}/${to}/${name}`;
    if (!existsSync(targetPath)) {
      issues.push(...literals.map((l) => `${targetName}: ${l.path}: missing (the file does not exist; ${from} has ${JSON.stringify(l.value)})`));
      continue;
    }
    const target = project.addSourceFileAtPath(targetPath);
    const paths = findPropertyPaths(target);
    let changed = false;
    for (const literal of literals) {
      const node = paths.get(literal.path);
      if (!node) {
        issues.push(`${targetName}: ${literal.path}: missing (${from} has ${JSON.stringify(literal.value)}); add the field to ${to} first, then promote`);
        continue;
      }
      if (!Node.isStringLiteral(node)) {
        issues.push(`${targetName}: ${literal.path}: is ${JSON.stringify(node.getText())}, not a string literal; write the value in place to promote it`);
        continue;
      }
      if (node.getLiteralValue() === literal.value) continue;
      promotions.push({ file: name, path: literal.path, from: node.getLiteralValue(), to: literal.value });
      // Replaces only the literal's text, so formatting and comments around it stay as they were.
      node.setLiteralValue(literal.value);
      changed = true;
    }
    if (changed) texts.set(targetPath, target.getFullText());
  }
  if (path !== undefined && matched === 0) issues.push(`promote: --only ${path}: ${from} has no string value at or under that path`);
  if (issues.length > 0) throw new PromotionError(issues);
  return { texts, promotions, left };
}

/** Writes every file to a temporary name first and renames them only when all are written. */
export function replaceFiles(texts: ReadonlyMap<string, string>): void {
  const staged: [string, string][] = [];
  try {
    for (const [path, text] of texts) {
      writeFileSync(`${path}.promote-${process.pid}.tmp`, text);
      staged.push([`${path}.promote-${process.pid}.tmp`, path]);
    }
  } catch (error) {
    for (const [temp] of staged) if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
  for (const [temp, path] of staged) renameSync(temp, path);
}

/**
 * `promote --from A --to B [--only images|versions|all|PATH]`: copies image tags (or versions)
 * from A's TypeScript into B's at the same property paths, except images built per environment
 * (unless `--only` names their path), then re-renders B. When the render fails the
 * TypeScript is restored, so a failed promotion leaves the repository as it was.
 */
export async function promoteCommand(root: string, from: string | undefined, to: string | undefined, only: string | undefined): Promise<number> {
  if (!from || !to) throw new PromotionError(['promote: give both --from ENV and --to ENV']);
  const selection = promotionSelection(only);
  const { texts, promotions, left } = planPromotion(root, from, to, selection.kind, selection.path);
  for (const path of left)
    console.log(`${to}: ${path} left as it is: built per environment (promote it with --only ${perEnvironmentImages.find((p) => under(path, p))})`);
  if (promotions.length === 0) {
    console.log(`${to}: nothing to promote; every ${promotionKind(only) === 'images' ? 'image tag' : 'value'} already equals ${from}'s`);
    return 0;
  }
  const originals = new Map([...texts.keys()].map((path) => [path, readFileSync(path, 'utf8')]));
  // Environments derived from `to` (its standby) run the same images: their overlays change too.
  const followers = environmentNames(root).filter((env) => derivedFrom(root, env) === to);
  replaceFiles(texts);
  try {
    await renderCommand(root, [to, ...followers]);
  } catch (error) {
    replaceFiles(originals);
    throw error;
  }
  for (const p of promotions) console.log(`${to}: ${p.path} ${p.from} → ${p.to}   (${environmentsDir}/${to}/${p.file})`);
  console.log(`promote: ${promotions.length} value(s) promoted from ${from} to ${to}`);
  for (const env of followers) console.log(`promote: ${env} is derived from ${to} and re-rendered with it`);
  return 0;
}
