import { createHash } from 'node:crypto';
import type { Json } from '../kube-object';
import { sortKeys } from '../canonical-yaml';

/** Annotation on a pod template holding the hash of the config its pods read. */
export const configChecksumAnnotation = 'checksum/config';

/**
 * A short hash of config data. Put on the pod template, it changes whenever the config changes,
 * so the Deployment rolls its pods; key order never changes it.
 */
export function configChecksum(data: Json): string {
  return createHash('sha256')
    .update(JSON.stringify(sortKeys(data)))
    .digest('hex')
    .slice(0, 16);
}
