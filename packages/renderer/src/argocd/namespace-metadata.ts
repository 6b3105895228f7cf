/**
 * Pod Security admission level of every environment namespace: "restricted" (run as non-root, no
 * privilege escalation, capabilities dropped, RuntimeDefault seccomp, no host access), which the
 * integrity rules `pod-security` and `host-isolation` hold every rendered pod to.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export const podSecurityLevel = 'restricted';

/**
 * Policy version `enforce` is pinned to. Pinned, not `latest`: a cluster upgrade that tightens
 * "restricted" must not start rejecting pods on its own. `audit` and `warn` follow `latest`, so a
 * tightening shows up as warnings and audit events first; bumping this pin is a reviewed one-line
 * change after that. Keep it no newer than the oldest cluster in apps/argocd/gitops.ts (v1.30 is
 * the oldest Kubernetes minor this repository supports).
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/
 */
export const podSecurityEnforceVersion = 'v1.30';

/** Labels Argo CD puts on the namespace it creates (`managedNamespaceMetadata`). */
export function podSecurityLabels(): Record<string, string> {
  return {
    'pod-security.kubernetes.io/audit': podSecurityLevel,
    'pod-security.kubernetes.io/audit-version': 'latest',
    'pod-security.kubernetes.io/enforce': podSecurityLevel,
    'pod-security.kubernetes.io/enforce-version': podSecurityEnforceVersion,
    'pod-security.kubernetes.io/warn': podSecurityLevel,
    'pod-security.kubernetes.io/warn-version': 'latest',
  };
}
