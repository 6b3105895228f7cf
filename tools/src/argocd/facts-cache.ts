import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgoCdFacts } from '@apim-gitops/renderer';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { writeFileAtomic } from '../../bin/bundle-cache.mjs';

/**
 * The Argo CD facts of an environment (its resource types and autoscaled replica counts) by the key of
 * its overlay, in `.cache/argocd-facts/`: a render that skips an unchanged environment still needs its
 * facts for the Argo CD objects. The facts are a function of the rendered objects, which are a function
 * of what the key covers, so an entry never goes stale; without one the environment is rendered again.
 */
const cacheDir = (root: string) => join(root, '.cache', 'argocd-facts');

/** The facts recorded for an overlay rendered with `key`, or undefined. */
export function cachedFacts(root: string, key: string): ArgoCdFacts | undefined {
  try {
    const facts = JSON.parse(readFileSync(join(cacheDir(root), `${key}.json`), 'utf8')) as ArgoCdFacts;
    return Array.isArray(facts.resourceTypes) && Array.isArray(facts.scaledReplicas) ? facts : undefined;
  } catch {
    return undefined;
  }
}

/** Records the facts of an overlay rendered with `key` (by rename: a reader sees a whole entry or none). */
export function cacheFacts(root: string, key: string, facts: ArgoCdFacts): void {
  try {
    mkdirSync(cacheDir(root), { recursive: true });
    writeFileAtomic(join(cacheDir(root), `${key}.json`), JSON.stringify(facts));
  } catch {
    // A memo only: without it the next render renders the environment again.
  }
}
