import type { IntegrityRule } from '../integrity-rule';
import { byName, podTemplates } from '../workloads';

/**
 * Annotation (on a workload or its pod template) with value `"true"` for pods that do call the
 * Kubernetes API and so need a mounted token; no product in this repository does.
 */
export const needsTokenAnnotation = 'apim-gitops.io/needs-service-account-token';

/**
 * Each workload runs as its own rendered ServiceAccount (not `default`, not shared), so RBAC and
 * cloud IAM bindings can be given per component; and no token is mounted unless the workload is
 * annotated as needing one, so a compromised container cannot call the API server.
 */
export const serviceAccountRule: IntegrityRule = {
  id: 'service-account',
  description: `every workload has its own rendered ServiceAccount (not "default") and automountServiceAccountToken false unless annotated ${needsTokenAnnotation}`,
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const accounts = byName(objects, 'ServiceAccount');
    const pods = podTemplates(objects);
    const users = new Map<string, string[]>();
    for (const pod of pods) {
      const name: string = pod.spec.serviceAccountName ?? 'default';
      users.set(name, [...(users.get(name) ?? []), pod.id]);
    }
    for (const pod of pods) {
      const name: string = pod.spec.serviceAccountName ?? 'default';
      const add = (message: string) => findings.push({ object: pod.id, message });
      if (name === 'default') {
        add(`${pod.path}.serviceAccountName must name a dedicated ServiceAccount, not "default"`);
        continue;
      }
      const account = accounts.get(name);
      if (!account) add(`${pod.path}.serviceAccountName ${JSON.stringify(name)} is not a rendered ServiceAccount`);
      const sharers = users.get(name)!.filter((id) => id !== pod.id);
      if (sharers.length > 0) add(`${pod.path}.serviceAccountName ${JSON.stringify(name)} is shared with ${sharers.join(', ')}: give each workload its own`);
      const needed = pod.workload.metadata?.annotations?.[needsTokenAnnotation] === 'true' || pod.annotations[needsTokenAnnotation] === 'true';
      const automount = pod.spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
      if (automount !== false && !needed)
        add(
          `mounts a ServiceAccount token: set ${pod.path}.automountServiceAccountToken (or the ServiceAccount's) to false, or annotate ${needsTokenAnnotation}: "true"`,
        );
    }
    return findings;
  },
};
