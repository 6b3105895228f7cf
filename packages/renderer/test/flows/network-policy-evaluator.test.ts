import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/flows/network-policy-evaluator';
import { inCidr, NetworkPolicyEvaluator, selects } from '../../src/flows/network-policy-evaluator';

// Known cases of Kubernetes NetworkPolicy semantics, after the examples of
// https://kubernetes.io/docs/concepts/services-networking/network-policies/.
const ns = (n: string) => ({ 'kubernetes.io/metadata.name': n, ...(n === 'monitoring' ? { team: 'ops' } : {}) });
const pod = (name: string, namespace: string, labels: Record<string, string>, ports: { name?: string; port: number; protocol: string }[] = []): Endpoint => ({
  kind: 'pod',
  name,
  namespace,
  labels,
  ports,
});
const web = pod('web', 'app', { role: 'web', tier: 'front' }, [{ name: 'https', port: 8443, protocol: 'TCP' }]);
const db = pod('db', 'app', { role: 'db' }, [{ name: 'mysql', port: 3306, protocol: 'TCP' }]);
const prom = pod('prometheus', 'monitoring', { app: 'prometheus' });
const other = pod('other', 'monitoring', { app: 'grafana' });
const policy = (name: string, spec: Record<string, unknown>, namespace = 'app') => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});
const evaluate = (policies: ReturnType<typeof policy>[]) => new NetworkPolicyEvaluator(policies, ns);
const denyAll = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('the NetworkPolicy evaluator', () => {
  it('allows everything while no policy selects a pod', () => {
    expect(evaluate([]).allowed({ from: web, to: db, port: 3306 })).toBe(true);
  });

  it('isolates a pod per direction once a policy selects it', () => {
    const ingressOnly = policy('in', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress'] });
    expect(evaluate([ingressOnly]).allowed({ from: web, to: db, port: 3306 })).toBe(false);
    expect(evaluate([ingressOnly]).allowed({ from: db, to: web, port: 8443 })).toBe(true);
  });

  it('needs both the source egress and the destination ingress', () => {
    const egress = policy('out', {
      podSelector: { matchLabels: { role: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { role: 'db' } } }], ports: [{ port: 3306 }] }],
    });
    expect(evaluate([denyAll, egress]).allowed({ from: web, to: db, port: 3306 })).toBe(false);
    const ingress = policy('in', {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'web' } } }], ports: [{ port: 3306 }] }],
    });
    expect(evaluate([denyAll, egress, ingress]).allowed({ from: web, to: db, port: 3306 })).toBe(true);
    expect(evaluate([denyAll, egress, ingress]).allowed({ from: web, to: db, port: 3307 })).toBe(false);
  });

  it('reads a podSelector alone as the policy namespace, a namespaceSelector with a podSelector as both', () => {
    const sameNamespace = policy('in', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'prometheus' } } }] }],
    });
    expect(evaluate([sameNamespace]).allowed({ from: prom, to: web, port: 8443 })).toBe(false);
    const both = policy('in', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'prometheus' } } }] }],
    });
    expect(evaluate([both]).allowed({ from: prom, to: web, port: 8443 })).toBe(true);
    expect(evaluate([both]).allowed({ from: other, to: web, port: 8443 })).toBe(false);
    const either = policy('in', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }, { podSelector: { matchLabels: { app: 'prometheus' } } }] }],
    });
    expect(evaluate([either]).allowed({ from: other, to: web, port: 8443 })).toBe(true);
  });

  it('matches ipBlock with except, for addresses only', () => {
    const out = policy('out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] }],
    });
    const internet: Endpoint = { kind: 'address', name: 'internet', ip: '203.0.113.10' };
    const inside: Endpoint = { kind: 'address', name: 'inside', ip: '10.1.2.3' };
    expect(evaluate([out]).allowed({ from: web, to: internet, port: 443 })).toBe(true);
    expect(evaluate([out]).allowed({ from: web, to: inside, port: 443 })).toBe(false);
    expect(evaluate([out]).allowed({ from: web, to: db, port: 443 })).toBe(false);
  });

  it('resolves named ports against the destination pod, and honours endPort and the protocol', () => {
    const named = policy('in', { podSelector: { matchLabels: { role: 'web' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'https' }] }] });
    expect(evaluate([named]).allowed({ from: db, to: web, port: 8443 })).toBe(true);
    expect(evaluate([named]).allowed({ from: db, to: web, port: 8080 })).toBe(false);
    const range = policy('in', {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 3300, endPort: 3310 }] }],
    });
    expect(evaluate([range]).allowed({ from: web, to: db, port: 3306 })).toBe(true);
    expect(evaluate([range]).allowed({ from: web, to: db, port: 3306, protocol: 'UDP' })).toBe(false);
  });

  it('treats a policy without policyTypes as Ingress, and Egress too when it has egress rules', () => {
    const implicit = policy('p', { podSelector: { matchLabels: { role: 'web' } }, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] });
    expect(evaluate([implicit]).allowed({ from: web, to: db, port: 3306 })).toBe(false);
    expect(evaluate([implicit]).allowed({ from: db, to: web, port: 8443 })).toBe(false);
  });

  it('evaluates matchExpressions and IPv6 blocks', () => {
    expect(selects({ matchExpressions: [{ key: 'role', operator: 'In', values: ['web', 'api'] }] }, { role: 'web' })).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['web'] }] }, { role: 'web' })).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { role: 'db' })).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { role: 'db' })).toBe(true);
    expect(inCidr('fd00::1', 'fd00::/8')).toBe(true);
    expect(inCidr('2001:db8::1', 'fd00::/8')).toBe(false);
    expect(inCidr('10.1.2.3', 'fd00::/8')).toBe(false);
  });
});
