import type { EnvironmentBasics, ResolvedComponent } from '@apim-gitops/models';
import type { IPodSpec } from 'kubernetes-models/v1';
import { podSecurityContext } from './pod-security';
import { schedulingOf } from './spread';

/**
 * Annotations of a database schema Job: an Argo CD Sync hook (not PreSync, which would run before the
 * Secret it reads is applied on a first sync), deleted and recreated on each sync because Jobs are immutable.
 */
export const schemaHookAnnotations = {
  'argocd.argoproj.io/hook': 'Sync',
  'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
} as const;

/** Pod settings every run-once Job shares: no restarts, its own ServiceAccount without a token, restricted security. */
export function runOncePodSettings(env: EnvironmentBasics, component: ResolvedComponent, uid: number, gid: number = uid): Partial<IPodSpec> {
  return {
    restartPolicy: 'Never',
    serviceAccountName: component.id,
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(uid, gid),
    ...(env.images.pullSecret ? { imagePullSecrets: [{ name: env.images.pullSecret }] } : {}),
    // A Job pod lands on the same dedicated nodes as the workloads it prepares.
    ...schedulingOf(env),
  };
}
