import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { podTemplates, q, selectorMatches } from '../workloads';

/**
 * A NetworkPolicy with a non-empty pod selector must select some pod template; one that selects
 * nothing means a component was renamed and its allowed flows silently fell back to default deny.
 */
export const networkPolicySelectorRule: IntegrityRule = {
  id: 'network-policy-selector',
  description: 'every NetworkPolicy with a non-empty podSelector selects a pod template',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const pods = podTemplates(objects);
    for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
      const selector = policy.spec?.podSelector ?? {};
      if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) continue;
      if (!pods.some((p) => selectorMatches(selector, p.labels)))
        findings.push({ object: kindName(policy), message: `spec.podSelector ${q(selector)} matches no pod template` });
    }
    return findings;
  },
};
