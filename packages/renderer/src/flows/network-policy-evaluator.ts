import type { Manifest } from '../integrity/integrity-rule';

// Kubernetes NetworkPolicy semantics (https://kubernetes.io/docs/concepts/services-networking/network-policies/):
// a pod is isolated in a direction once any policy of its namespace selects it with that policy type;
// an isolated pod admits only what some selecting policy's rules allow; a connection needs the
// source's egress and the destination's ingress. Pods that no policy selects are not isolated.

/** A named container port, for rules that name ports. */
export interface NamedPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** One end of a connection: a pod (by namespace and labels) or an address outside the cluster. */
export type Endpoint =
  | {
      readonly kind: 'pod';
      readonly name: string;
      readonly namespace: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly ports?: readonly NamedPort[];
    }
  | { readonly kind: 'address'; readonly name: string; readonly ip: string };

/** A connection attempt. */
export interface Connection {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  /** `TCP` (the default) or `UDP`. */
  readonly protocol?: string;
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
type Peer = { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: { cidr: string; except?: string[] } };
type PortRule = { protocol?: string; port?: number | string; endPort?: number };
type Rule = { ports?: PortRule[]; from?: Peer[]; to?: Peer[] };

/** Whether `labels` satisfy a label selector; an empty selector selects everything. */
export function selects(selector: Selector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  }
  return true;
}

/** An address as a number and its bit width (32 for IPv4, 128 for IPv6). */
function parseIp(ip: string): { value: bigint; bits: number } {
  if (ip.includes(':')) {
    const [head, tail] = ip.split('::') as [string, string | undefined];
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
    if (groups.length !== 8) throw new Error(`not an IPv6 address: ${ip}`);
    return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n), bits: 128 };
  }
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return { value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), bits: 32 };
}

/** Whether `ip` lies in `cidr` (both of one family). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, prefixText] = cidr.split('/') as [string, string];
  const address = parseIp(ip);
  const network = parseIp(base);
  if (address.bits !== network.bits) return false;
  const prefix = BigInt(Number(prefixText));
  const shift = BigInt(address.bits) - prefix;
  return address.value >> shift === network.value >> shift;
}

/** Whether a peer of a rule in `policyNamespace` matches an endpoint. */
function peerMatches(peer: Peer, endpoint: Endpoint, policyNamespace: string, namespaceLabels: (ns: string) => Readonly<Record<string, string>>): boolean {
  if (peer.ipBlock) {
    // ipBlock names addresses outside the cluster; pod addresses are ephemeral and never meant by it.
    if (endpoint.kind !== 'address') return false;
    return inCidr(endpoint.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(endpoint.ip, c));
  }
  if (endpoint.kind !== 'pod') return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(endpoint.namespace)) : endpoint.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector, endpoint.labels);
}

/** Whether a rule's ports admit `port`/`protocol` on the destination (whose named ports a rule may use). */
function portMatches(ports: PortRule[] | undefined, port: number, protocol: string, destination: Endpoint): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      const named = destination.kind === 'pod' ? destination.ports?.find((n) => n.name === p.port && n.protocol === protocol) : undefined;
      return named?.port === port;
    }
    return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  });
}

function policyTypes(policy: Manifest): string[] {
  const spec = policy.spec ?? {};
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes;
  // Without policyTypes a policy is an Ingress policy, and an Egress one too if it has egress rules.
  return spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Evaluates connections against a set of NetworkPolicies, each with its namespace. */
export class NetworkPolicyEvaluator {
  constructor(
    private readonly policies: readonly (Manifest & { metadata: { namespace: string } })[],
    private readonly namespaceLabels: (namespace: string) => Readonly<Record<string, string>>,
  ) {}

  private selecting(pod: Endpoint, type: 'Ingress' | 'Egress') {
    if (pod.kind !== 'pod') return [];
    return this.policies.filter((p) => p.metadata.namespace === pod.namespace && policyTypes(p).includes(type) && selects(p.spec?.podSelector, pod.labels));
  }

  /**
   * Whether one side admits the connection: the source for Egress, the destination for Ingress. A pod
   * no policy selects for that direction is not isolated; otherwise some selecting policy's rule must
   * match the other side as its peer and the destination port.
   */
  private admits(c: Connection, direction: 'Egress' | 'Ingress'): boolean {
    const [self, other, rulesKey, peersKey] = direction === 'Egress' ? ([c.from, c.to, 'egress', 'to'] as const) : ([c.to, c.from, 'ingress', 'from'] as const);
    if (self.kind !== 'pod') return true;
    const selecting = this.selecting(self, direction);
    if (selecting.length === 0) return true;
    const protocol = c.protocol ?? 'TCP';
    return selecting.some((p) =>
      ((p.spec[rulesKey] ?? []) as Rule[]).some((rule) => {
        const peers = rule[peersKey];
        return (
          portMatches(rule.ports, c.port, protocol, c.to) &&
          (!peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, other, p.metadata.namespace, this.namespaceLabels)))
        );
      }),
    );
  }

  /** Whether the source may send the connection. */
  egressAllowed(c: Connection): boolean {
    return this.admits(c, 'Egress');
  }

  /** Whether the destination may receive the connection. */
  ingressAllowed(c: Connection): boolean {
    return this.admits(c, 'Ingress');
  }

  /** A connection is allowed when the source may send it and the destination may receive it. */
  allowed(c: Connection): boolean {
    return this.egressAllowed(c) && this.ingressAllowed(c);
  }
}
