import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node, Project } from 'ts-morph';
import { environmentNames, environmentsDir } from './environment-files';
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

/** Checks the `--only` value. */
export function promotionKind(value: string | undefined): PromotionKind {
  if (value === undefined) return 'images';
  if (!(kinds as readonly string[]).includes(value)) throw new PromotionError([`promote: --only ${value}: unknown (choose ${kinds.join(', ')})`]);
  return value as PromotionKind;
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
export function planPromotion(root: string, from: string, to: string, kind: PromotionKind): { texts: Map<string, string>; promotions: Promotion[] } {
  const all = environmentNames(root);
  const issues: string[] = [];
  for (const env of [from, to]) if (!all.includes(env)) issues.push(`promote: environment "${env}" does not exist (environments: ${all.join(', ') || 'none'})`);
  if (from === to) issues.push(`promote: --from and --to are both "${from}"`);
  if (issues.length > 0) throw new PromotionError(issues);

  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const texts = new Map<string, string>();
  const promotions: Promotion[] = [];
  for (const name of typeScriptFiles(root, from)) {
    const source = project.addSourceFileAtPath(join(root, environmentsDir, from, name));
    const literals = findSpecLiterals(source, kind);
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
  if (issues.length > 0) throw new PromotionError(issues);
  return { texts, promotions };
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
 * `promote --from A --to B [--only images|versions|all]`: copies image tags (or versions) from A's
 * TypeScript into B's at the same property paths, then re-renders B. When the render fails the
 * TypeScript is restored, so a failed promotion leaves the repository as it was.
 */
export async function promoteCommand(root: string, from: string | undefined, to: string | undefined, only: string | undefined): Promise<number> {
  if (!from || !to) throw new PromotionError(['promote: give both --from ENV and --to ENV']);
  const { texts, promotions } = planPromotion(root, from, to, promotionKind(only));
  if (promotions.length === 0) {
    console.log(`${to}: nothing to promote; every ${promotionKind(only) === 'images' ? 'image tag' : 'value'} already equals ${from}'s`);
    return 0;
  }
  const originals = new Map([...texts.keys()].map((path) => [path, readFileSync(path, 'utf8')]));
  replaceFiles(texts);
  try {
    await renderCommand(root, [to]);
  } catch (error) {
    replaceFiles(originals);
    throw error;
  }
  for (const p of promotions) console.log(`${to}: ${p.path} ${p.from} → ${p.to}   (${environmentsDir}/${to}/${p.file})`);
  console.log(`promote: ${promotions.length} value(s) promoted from ${from} to ${to}`);
  return 0;
}
