import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import type { Json, PatchOp } from '@apim-gitops/renderer';
import { applyPatch, deployRoot } from '@apim-gitops/renderer';
import { isFile } from './file-kind';

const overlayDir = (root: string, env: string) => join(root, deployRoot, 'overlays', env);

function parse(path: string): Json | undefined {
  return isFile(path) ? (YAML.parse(readFileSync(path, 'utf8')) as Json) : undefined;
}

/**
 * One object as the committed overlay of `env` makes it, read from the committed files the way
 * the layout writes them (no kustomize run): the overlay's own resource, or the base object with
 * the overlay's patch applied; undefined when the overlay deletes it or nothing holds it.
 */
export function committedObject(root: string, env: string, kind: string, name: string): Json | undefined {
  const file = `${kind.toLowerCase()}-${name}.yaml`;
  const overlay = overlayDir(root, env);
  const own = parse(join(overlay, 'resources', file));
  if (own !== undefined) return own;
  if (existsSync(join(overlay, 'patches', `delete-${file}`))) return undefined;
  const kustomization = parse(join(overlay, 'kustomization.yaml')) as { resources?: string[]; patches?: { path?: string }[] } | undefined;
  const listed = (kustomization?.patches ?? []).some((p) => p.path === `patches/${file}`);
  for (const base of (kustomization?.resources ?? []).filter((r) => r.startsWith('../../base/'))) {
    const object = parse(join(overlay, base, file));
    if (object === undefined) continue;
    const patch = parse(join(overlay, 'patches', file)) as PatchOp[] | undefined;
    // A patch the kustomization names but that cannot be read: what kustomize builds cannot be told.
    if (listed && patch === undefined) return undefined;
    return patch ? applyPatch(object, patch) : object;
  }
  return undefined;
}
