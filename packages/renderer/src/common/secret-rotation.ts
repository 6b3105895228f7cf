import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { IPodSpec } from 'kubernetes-models/v1';
import { createHash } from 'node:crypto';

/**
 * Annotation of Stakater Reloader (github.com/stakater/Reloader): when one of the Secrets it lists
 * changes, Reloader rolls the Deployment. The products read their Secrets once, at start (WSO2 copies
 * the keystores into the server home; env vars are fixed per container), so a rotated value reaches
 * them only through new pods. This covers both backends: External Secrets refreshing a value from
 * the store, and the Sealed Secrets controller unsealing new ciphertext.
 */
export const reloaderSecretsAnnotation = 'secret.reloader.stakater.com/reload';

/**
 * Pod-template annotation with a hash of the Sealed Secrets ciphertext the pod reads: a re-sealed
 * value changes the hash, so the Deployment rolls from git alone, even without Reloader.
 */
export const secretsChecksumAnnotation = 'checksum/secrets';

/** Names of the Secrets a pod reads (env, envFrom and volumes; the pull Secret does not matter to a running pod), sorted. */
export function secretsReadBy(pod: IPodSpec): string[] {
  const names = new Set<string>();
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) names.add(e.valueFrom.secretKeyRef.name);
    for (const e of c.envFrom ?? []) if (e.secretRef?.name) names.add(e.secretRef.name);
  }
  for (const v of pod.volumes ?? []) if (v.secret?.secretName) names.add(v.secret.secretName);
  return [...names].sort();
}

/** What rolls a Deployment when a Secret its pods read changes. */
export interface SecretRotation {
  /** On the Deployment's metadata: the Reloader list. */
  readonly deployment: Record<string, string>;
  /** On the pod template: the ciphertext hash (Sealed Secrets only). */
  readonly pod: Record<string, string>;
}

/** The annotations that make secret rotation reach the pods of `pod`. */
export function secretRotation(env: ResolvedEnvironment, pod: IPodSpec): SecretRotation {
  const names = secretsReadBy(pod);
  if (names.length === 0) return { deployment: {}, pod: {} };
  const deployment = { [reloaderSecretsAnnotation]: names.join(',') };
  const backend = env.secretBackend;
  if (backend.provider !== 'sealed-secrets') return { deployment, pod: {} };
  const hash = createHash('sha256');
  for (const name of names) {
    const data = backend.encryptedData[name] ?? {};
    for (const key of Object.keys(data).sort()) hash.update(`${name}\0${key}\0${data[key]}\0`);
  }
  return { deployment, pod: { [secretsChecksumAnnotation]: hash.digest('hex').slice(0, 16) } };
}
