import type { ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyEgressRule, INetworkPolicyIngressRule, INetworkPolicyPeer, INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1';
import type { KubeObject } from '../kube-object';
import { platformLabels, selectorLabels } from '../labels';

/** Label every namespace carries (since Kubernetes 1.22) with its own name; the API server sets it. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** Namespace of the cluster DNS (CoreDNS / kube-dns). */
export const dnsNamespace = 'kube-system';

function tcpPorts(ports: Iterable<number>): INetworkPolicyPort[] {
  return [...new Set(ports)].sort((a, b) => a - b).map((port) => ({ protocol: 'TCP', port }));
}

function fromNamespace(namespace: string) {
  return { namespaceSelector: { matchLabels: { [namespaceNameLabel]: namespace } } };
}

function policy(name: string, podSelector: Record<string, string>, spec: { ingress?: INetworkPolicyIngressRule[]; egress?: INetworkPolicyEgressRule[] }): NetworkPolicy {
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

/** Every pod resolves names through the cluster DNS, over UDP and (for large answers) TCP. */
function allowDns(): NetworkPolicy {
  return policy('allow-dns', {}, {
    egress: [{ to: [fromNamespace(dnsNamespace)], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
  });
}

/**
 * What sends public traffic to the components: the ingress-nginx controller's namespace, and the
 * Gateway's proxy pods (by their namespace and labels together), whichever the entry renders.
 */
function entryPeers(env: ResolvedEnvironment): INetworkPolicyPeer[] {
  const peers: INetworkPolicyPeer[] = [];
  if (env.entry.ingressNginx) peers.push(fromNamespace(env.entry.ingressNginx.controllerNamespace));
  const dataPlane = env.entry.gatewayApi?.dataPlane;
  if (dataPlane) peers.push({ ...fromNamespace(dataPlane.namespace), podSelector: { matchLabels: { ...dataPlane.podLabels } } });
  return peers;
}

/**
 * Who may open connections to one component: the entry (ingress controller or gateway proxies) on its
 * ingress ports, the peers whose `connects` name it on the ports they use, and the monitoring system on
 * its metrics ports. One policy per component, so a reviewer reads a component's callers in one place.
 */
function ingressPolicy(env: ResolvedEnvironment, target: ResolvedComponent, byId: ReadonlyMap<string, ResolvedComponent>): NetworkPolicy | undefined {
  const rules: INetworkPolicyIngressRule[] = [];
  const entry = entryPeers(env);
  if (target.ingressPorts.length > 0 && entry.length > 0) rules.push({ from: entry, ports: tcpPorts(target.ingressPorts) });
  const callers = env.components
    .filter((c) => c.connects.some((edge) => edge.to === target.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const caller of callers) {
    if (!byId.has(caller.id)) continue;
    const ports = caller.connects.filter((edge) => edge.to === target.id).map((edge) => edge.port);
    rules.push({ from: [{ podSelector: { matchLabels: selectorLabels(caller) } }], ports: tcpPorts(ports) });
  }
  if (target.metricsPorts.length > 0) rules.push({ from: [fromNamespace(env.monitoring.namespace)], ports: tcpPorts(target.metricsPorts) });
  if (rules.length === 0) return undefined;
  return policy(`${target.id}-ingress`, selectorLabels(target), { ingress: rules });
}

/**
 * Where one component may connect to: its in-cluster peers (by pod labels, on the ports of its
 * `connects`) and its external hosts. External hosts are DNS names, and a NetworkPolicy `ipBlock`
 * takes only CIDRs that cannot follow a name's changing addresses; so egress to them is allowed on
 * their ports to any address. The ports still stay exactly the declared ones.
 */
function egressPolicy(target: ResolvedComponent, byId: ReadonlyMap<string, ResolvedComponent>): NetworkPolicy | undefined {
  const rules: INetworkPolicyEgressRule[] = [];
  const peers = [...new Set(target.connects.map((edge) => edge.to))].sort();
  for (const peerId of peers) {
    const peer = byId.get(peerId);
    if (!peer) throw new Error(`${target.id}: connects to unknown component "${peerId}"`);
    const ports = target.connects.filter((edge) => edge.to === peerId).map((edge) => edge.port);
    rules.push({ to: [{ podSelector: { matchLabels: selectorLabels(peer) } }], ports: tcpPorts(ports) });
  }
  if (target.external.length > 0) rules.push({ ports: tcpPorts(target.external.map((e) => e.port)) });
  if (rules.length === 0) return undefined;
  return policy(`${target.id}-egress`, selectorLabels(target), { egress: rules });
}

/**
 * The environment's NetworkPolicies, derived only from the components' declared wiring
 * (`connects`, `external`, `ingressPorts`, `metricsPorts`): deny everything by default, then allow
 * DNS and exactly the declared flows. Ports in `connects` are Service ports; the policies assume
 * `targetPort` equals `port`, as `clusterService` renders them, because policies act on pod ports.
 */
export function renderNetworkPolicies(env: ResolvedEnvironment): KubeObject[] {
  const byId = new Map(env.components.map((c) => [c.id, c]));
  const objects: KubeObject[] = [defaultDeny(), allowDns()];
  for (const component of env.components) {
    const inbound = ingressPolicy(env, component, byId);
    if (inbound) objects.push(inbound);
    const outbound = egressPolicy(component, byId);
    if (outbound) objects.push(outbound);
  }
  return objects;
}
