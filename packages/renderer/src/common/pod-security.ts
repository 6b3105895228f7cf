import type { IPodSecurityContext, ISecurityContext } from 'kubernetes-models/v1';

/** Pod-level settings of the "restricted" Pod Security Standard, for an image's non-root user. */
export function podSecurityContext(uid: number, gid: number = uid): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup: gid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level settings of the "restricted" Pod Security Standard. */
export function containerSecurityContext(): ISecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
