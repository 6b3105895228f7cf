import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec, ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';
import { baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import { toPlain } from '../../src/kube-object';
import { validateObjects } from '../../src/object-rules';
import { renderNetworkPolicies } from '../../src/platform/network-policies';

function component(id: string, wiring: Partial<ResolvedComponent>): ResolvedComponent {
  return {
    id,
    stack: 'axway',
    component: id,
    app: 'axway-apim',
    serviceName: id,
    dependsOn: [],
    connects: [],
    external: [],
    ingressPorts: [],
    metricsPorts: [],
    ...wiring,
  };
}

type Entry = NonNullable<EnvironmentSpec['entry']>;
const nginxEntry: Entry = {
  kind: 'ingress-nginx',
  tls: { secretRef: 'apim-tls' },
  ingressNginx: { controllerNamespace: 'edge', controllerPodLabels: { app: 'edge-proxy' } },
};

/** A resolved environment with hand-made wiring: the gateway talks to the ANM, the ANM to the gateway pods. */
function environment(entry: Entry = nginxEntry): ResolvedEnvironment {
  const env = resolveEnvironment(
    {
      ...baseEnvironmentSpec,
      name: 'dev',
      namespace: 'apim-dev',
      entry,
      monitoring: { namespace: 'prom', podLabels: { app: 'prometheus' } },
      network: { clusterCidrs: ['10.0.0.0/8', 'fd00::/8'], dns: { nodeLocalCidr: '169.254.20.10/32' } },
    },
    'test',
  );
  return {
    ...env,
    components: [
      component('anm', {
        ingressPorts: [8090],
        connects: [{ to: 'traffic', port: 8085 }],
        external: [{ host: 'db.example.org', port: 3306, what: 'metrics_db', cidrs: ['10.30.3.0/24'] }],
      }),
      component('traffic', {
        ingressPorts: [8065],
        metricsPorts: [8080],
        connects: [{ to: 'anm', port: 8090 }],
        external: [
          { host: 'cass-1.example.org', port: 9042, what: 'cassandra', cidrs: ['10.30.2.0/24'] },
          { host: 'cass-2.example.org', port: 9042, what: 'cassandra', cidrs: ['10.30.2.0/24'] },
          { port: 443, what: 'internet-apis', cidrs: [] },
        ],
      }),
    ],
  };
}

const selector = (id: string) => ({
  matchLabels: { 'app.kubernetes.io/name': 'axway-apim', 'app.kubernetes.io/instance': id, 'app.kubernetes.io/component': id },
});
const podsIn = (ns: string, labels: Record<string, string>) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
  podSelector: { matchLabels: labels },
});

describe('renderNetworkPolicies', () => {
  const policies = renderNetworkPolicies(environment()).map(toPlain) as Record<string, any>[];
  const byName = (name: string) => policies.find((p) => p.metadata.name === name)!;

  it('renders schema-valid policies with platform labels, in a stable order', () => {
    expect(() => validateObjects('dev', renderNetworkPolicies(environment()))).not.toThrow();
    expect(policies.map((p) => p.metadata.name)).toEqual(['default-deny', 'allow-dns', 'anm-ingress', 'anm-egress', 'traffic-ingress', 'traffic-egress']);
    for (const p of policies) expect(p.metadata.labels['app.kubernetes.io/part-of']).toBe('apim-platform');
  });

  it('denies all ingress and egress of the namespace by default', () => {
    expect(byName('default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('lets every pod reach the DNS pods (not their whole namespace) and the NodeLocal cache over UDP and TCP 53', () => {
    expect(byName('allow-dns').spec.egress).toEqual([
      {
        to: [podsIn('kube-system', { 'k8s-app': 'kube-dns' }), { ipBlock: { cidr: '169.254.20.10/32' } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ]);
  });

  it('admits the ingress controller pods, the declared peers and the scrapers, each to its ports only', () => {
    expect(byName('traffic-ingress').spec).toEqual({
      podSelector: selector('traffic'),
      policyTypes: ['Ingress'],
      ingress: [
        { from: [podsIn('edge', { app: 'edge-proxy' })], ports: [{ protocol: 'TCP', port: 8065 }] },
        { from: [{ podSelector: selector('anm') }], ports: [{ protocol: 'TCP', port: 8085 }] },
        { from: [podsIn('prom', { app: 'prometheus' })], ports: [{ protocol: 'TCP', port: 8080 }] },
      ],
    });
  });

  const proxies = {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateways' } },
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'envoy', 'gateway.envoyproxy.io/owning-gateway-name': 'apim' } },
  };
  const gatewayEntry: Entry = {
    kind: 'gateway-api',
    gatewayApi: { dataPlane: { namespace: 'gateways', podLabels: { 'app.kubernetes.io/name': 'envoy', 'gateway.envoyproxy.io/owning-gateway-name': 'apim' } } },
  };
  const entryRule = (entry: Entry) =>
    (renderNetworkPolicies(environment(entry)).map(toPlain) as Record<string, any>[]).find((p) => p.metadata.name === 'traffic-ingress')!.spec.ingress[0];

  it("admits the Gateway's proxy pods, by their namespace and labels together, instead of the ingress controller with Gateway API", () => {
    expect(entryRule(gatewayEntry)).toEqual({ from: [proxies], ports: [{ protocol: 'TCP', port: 8065 }] });
  });

  it('admits both the ingress controller and the proxy pods while an environment moves from one to the other', () => {
    const both: Entry = {
      ...gatewayEntry,
      kind: 'both',
      tls: { secretRef: 'apim-tls' },
      ingressNginx: { controllerNamespace: 'edge', controllerPodLabels: { app: 'edge-proxy' } },
    };
    expect(entryRule(both)).toEqual({ from: [podsIn('edge', { app: 'edge-proxy' }), proxies], ports: [{ protocol: 'TCP', port: 8065 }] });
  });

  it('lets a component reach its peers by pod labels and each external destination by address, on its ports only', () => {
    expect(byName('traffic-egress').spec).toEqual({
      podSelector: selector('traffic'),
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: selector('anm') }], ports: [{ protocol: 'TCP', port: 8090 }] },
        // "Any address outside the cluster": the cluster's own CIDRs cut out of each family.
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: '::/0', except: ['fd00::/8'] } }],
          ports: [{ protocol: 'TCP', port: 443 }],
        },
        { to: [{ ipBlock: { cidr: '10.30.2.0/24' } }], ports: [{ protocol: 'TCP', port: 9042 }] },
      ],
    });
  });

  it('never renders a rule with ports but no destination', () => {
    for (const p of policies) for (const rule of p.spec.egress ?? []) expect(rule.to?.length, p.metadata.name).toBeGreaterThan(0);
  });

  it('renders only the environment-wide policies when no component runs', () => {
    const names = renderNetworkPolicies({ ...environment(), components: [] }).map((p) => p.metadata?.name);
    expect(names).toEqual(['default-deny', 'allow-dns']);
  });

  it('refuses an edge to a component that does not exist', () => {
    const env = environment();
    const broken = { ...env, components: [component('anm', { connects: [{ to: 'trafic', port: 8065 }] })] };
    expect(() => renderNetworkPolicies(broken)).toThrow('anm: connects to unknown component "trafic"');
  });
});
