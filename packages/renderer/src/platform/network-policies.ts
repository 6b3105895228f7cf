import type { ExternalConnection, ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';
import { anyAddress } from '@apim-gitops/models';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyEgressRule, INetworkPolicyIngressRule, INetworkPolicyPeer, INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1';
import type { KubeObject } from '../kube-object';
import { platformLabels, selectorLabels } from '../labels';

/** Label every namespace carries (since Kubernetes 1.22) with its own name; the API server sets it. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

function tcpPorts(ports: Iterable<number>): INetworkPolicyPort[] {
  return [...new Set(ports)].sort((a, b) => a - b).map((port) => ({ protocol: 'TCP', port }));
}

/** Pods with `labels` in the namespace `namespace`: both selectors in one peer, so both must match. */
function podsIn(namespace: string, labels: Readonly<Record<string, string>>): INetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { [namespaceNameLabel]: namespace } }, podSelector: { matchLabels: { ...labels } } };
}

function policy(
  name: string,
  podSelector: Record<string, string>,
  spec: { ingress?: INetworkPolicyIngressRule[]; egress?: INetworkPolicyEgressRule[] },
): NetworkPolicy {
  const policyTypes: ('Ingress' | 'Egress')[] = [];
  if (spec.ingress) policyTypes.push('Ingress');
  if (spec.egress) policyTypes.push('Egress');
  return new NetworkPolicy({
    metadata: { name, labels: platformLabels(name, 'network-policy') },
    // An empty selector means every pod of the namespace; written as `{}`, the way kubectl shows it.
    spec: { podSelector: Object.keys(podSelector).length > 0 ? { matchLabels: podSelector } : {}, policyTypes, ...spec },
  });
}

/** Denies every connection into and out of every pod of the namespace; the policies below open exactly the flows the models declare. */
function defaultDeny(): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: 'default-deny', labels: platformLabels('default-deny', 'network-policy') },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
}

/** Every pod resolves names through the cluster DNS pods (not every pod of their namespace), over UDP and TCP. */
function allowDns(env: ResolvedEnvironment): NetworkPolicy {
  const { dns } = env.network;
  const to: INetworkPolicyPeer[] = [podsIn(dns.namespace, dns.podLabels)];
  if (dns.nodeLocalCidr) to.push({ ipBlock: { cidr: dns.nodeLocalCidr } });
  return policy(
    'allow-dns',
    {},
    {
      egress: [
        {
          to,
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  );
}

function isIpv6(cidr: string): boolean {
  return cidr.includes(':');
}

/**
 * The peers of an external destination: its CIDRs, or, when it has none, every address outside the
 * cluster (the cluster's own CIDRs cut out of `0.0.0.0/0` and `::/0`).
 */
function externalPeers(env: ResolvedEnvironment, cidrs: readonly string[]): INetworkPolicyPeer[] {
  if (cidrs.length > 0) return [...cidrs].sort().map((cidr) => ({ ipBlock: { cidr } }));
  return anyAddress.map((all) => {
    const except = env.network.clusterCidrs.filter((c) => isIpv6(c) === isIpv6(all)).sort();
    return { ipBlock: { cidr: all, ...(except.length > 0 ? { except } : {}) } };
  });
}

/** One egress rule per set of destination addresses, with exactly the ports used there. */
function externalRules(env: ResolvedEnvironment, external: readonly ExternalConnection[]): INetworkPolicyEgressRule[] {
  const byAddresses = new Map<string, { cidrs: readonly string[]; ports: number[] }>();
  for (const connection of external) {
    const key = [...connection.cidrs].sort().join(',');
    const entry = byAddresses.get(key) ?? { cidrs: connection.cidrs, ports: [] };
    entry.ports.push(connection.port);
    byAddresses.set(key, entry);
  }
  return [...byAddresses.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { cidrs, ports }]) => ({ to: externalPeers(env, cidrs), ports: tcpPorts(ports) }));
}

/**
 * What sends public traffic to the components: the ingress-nginx controller's pods and the Gateway's
 * proxy pods (each by namespace and labels together), whichever the entry renders.
 */
export function entryPeers(env: ResolvedEnvironment): INetworkPolicyPeer[] {
  const peers: INetworkPolicyPeer[] = [];
  const nginx = env.entry.ingressNginx;
  if (nginx) peers.push(podsIn(nginx.controllerNamespace, nginx.controllerPodLabels));
  const dataPlane = env.entry.gatewayApi?.dataPlane;
  if (dataPlane) peers.push(podsIn(dataPlane.namespace, dataPlane.podLabels));
  return peers;
}

/**
 * Who may open connections to one component: the entry's pods on its ingress ports, the peers whose
 * `connects` name it (itself included) on the ports they use, and the monitoring system's scrapers on
 * its metrics ports. One policy per component, so a reviewer reads its callers in one place.
 */
function ingressPolicy(env: ResolvedEnvironment, target: ResolvedComponent): NetworkPolicy | undefined {
  const rules: INetworkPolicyIngressRule[] = [];
  const entry = entryPeers(env);
  if (target.ingressPorts.length > 0 && entry.length > 0) rules.push({ from: entry, ports: tcpPorts(target.ingressPorts) });
  const callers = env.components.filter((c) => c.connects.some((edge) => edge.to === target.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const caller of callers) {
    const ports = caller.connects.filter((edge) => edge.to === target.id).map((edge) => edge.port);
    rules.push({ from: [{ podSelector: { matchLabels: selectorLabels(caller) } }], ports: tcpPorts(ports) });
  }
  if (target.metricsPorts.length > 0) rules.push({ from: [podsIn(env.monitoring.namespace, env.monitoring.podLabels)], ports: tcpPorts(target.metricsPorts) });
  if (rules.length === 0) return undefined;
  return policy(`${target.id}-ingress`, selectorLabels(target), { ingress: rules });
}

/**
 * Where one component may connect to: its in-cluster peers (by pod labels, on the ports of its
 * `connects`) and its external destinations, each by its address blocks on its own ports. No rule
 * has ports without a destination.
 */
function egressPolicy(env: ResolvedEnvironment, target: ResolvedComponent, byId: ReadonlyMap<string, ResolvedComponent>): NetworkPolicy | undefined {
  const rules: INetworkPolicyEgressRule[] = [];
  const peers = [...new Set(target.connects.map((edge) => edge.to))].sort();
  for (const peerId of peers) {
    const peer = byId.get(peerId);
    if (!peer) throw new Error(`${target.id}: connects to unknown component "${peerId}"`);
    const ports = target.connects.filter((edge) => edge.to === peerId).map((edge) => edge.port);
    rules.push({ to: [{ podSelector: { matchLabels: selectorLabels(peer) } }], ports: tcpPorts(ports) });
  }
  rules.push(...externalRules(env, target.external));
  if (rules.length === 0) return undefined;
  return policy(`${target.id}-egress`, selectorLabels(target), { egress: rules });
}

/**
 * The environment's NetworkPolicies, derived only from the components' declared wiring (`connects`,
 * `external`, `ingressPorts`, `metricsPorts`) and the environment's network model: deny everything by
 * default, then allow DNS to the DNS pods and exactly the declared flows. Ports in `connects` are
 * Service ports; the policies assume `targetPort` equals `port`, as `clusterService` renders them,
 * because policies act on pod ports.
 */
export function renderNetworkPolicies(env: ResolvedEnvironment): KubeObject[] {
  const byId = new Map(env.components.map((c) => [c.id, c]));
  const objects: KubeObject[] = [defaultDeny(), allowDns(env)];
  for (const component of env.components) {
    const inbound = ingressPolicy(env, component);
    if (inbound) objects.push(inbound);
    const outbound = egressPolicy(env, component, byId);
    if (outbound) objects.push(outbound);
  }
  return objects;
}
