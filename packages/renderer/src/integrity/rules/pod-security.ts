import type { IntegrityRule } from '../integrity-rule';
import { containerLabel, containersOf, podTemplates } from '../workloads';

/**
 * The container settings of the Pod Security Standard "restricted" profile: run as non-root, no
 * privilege escalation, every capability dropped and the RuntimeDefault seccomp profile (set on
 * the pod or the container). A namespace labelled `enforce: restricted` rejects pods without them.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const podSecurityRule: IntegrityRule = {
  id: 'pod-security',
  description:
    'every container runs as non-root, without privilege escalation, with capabilities drop ALL and seccomp RuntimeDefault (Pod Security "restricted")',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const pod of podTemplates(objects)) {
      const podContext = pod.spec.securityContext ?? {};
      for (const at of containersOf(pod)) {
        const context = at.container.securityContext ?? {};
        const add = (message: string) => findings.push({ object: pod.id, message: `${containerLabel(at)} ${message}` });
        if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true) add('needs securityContext.runAsNonRoot: true (on the container or the pod)');
        if ((context.runAsUser ?? podContext.runAsUser) === 0) add('runs as user 0 (root)');
        if (context.privileged === true) add('must not be privileged');
        if (context.allowPrivilegeEscalation !== false) add('needs securityContext.allowPrivilegeEscalation: false');
        if (!((context.capabilities?.drop ?? []) as string[]).includes('ALL')) add('needs securityContext.capabilities.drop: ["ALL"]');
        const added = ((context.capabilities?.add ?? []) as string[]).filter((c) => c !== 'NET_BIND_SERVICE');
        if (added.length > 0) add(`must not add capabilities ${JSON.stringify(added)} (only NET_BIND_SERVICE is allowed)`);
        const seccomp = (context.seccompProfile ?? podContext.seccompProfile)?.type;
        if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
          add(`needs seccompProfile.type "RuntimeDefault" (on the container or the pod; got ${JSON.stringify(seccomp ?? null)})`);
      }
    }
    return findings;
  },
};
