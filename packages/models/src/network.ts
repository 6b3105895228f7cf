import type { SecretRef } from './secrets';

/**
 * An IPv4 or IPv6 CIDR block, e.g. `10.30.1.0/24`.
 * @format cidr
 */
export type CidrBlock = string;

/**
 * A TCP port.
 * @asType integer
 * @minimum 1
 * @maximum 65535
 */
export type TcpPort = number;

/**
 * A destination outside the cluster that a component must reach, by address: a NetworkPolicy
 * matches IP blocks, never DNS names, so give the subnets the names resolve to.
 * @example { name: 'payments', cidrs: ['10.40.0.0/16'], ports: [443] }
 */
export interface EgressTargetSpec {
  /**
   * What it is, shown in the policy and the flow matrix, e.g. `payments-api`.
   * @format dns-label
   */
  readonly name: string;
  /**
   * Address blocks it lives in.
   * @default []
   */
  readonly cidrs?: readonly CidrBlock[];
  /**
   * Any address outside the cluster (`0.0.0.0/0` and `::/0` except `network.clusterCidrs`), for
   * gateways that front APIs on the Internet. Say so explicitly; it is never implied.
   * @default false
   */
  readonly anyAddressOutsideCluster?: boolean;
  /**
   * TCP ports it listens on.
   * @minItems 1
   * @errorMessage must list the ports it listens on, e.g. [443]
   */
  readonly ports: readonly TcpPort[];
}

/** Where the pods resolve names. */
export interface ClusterDnsSpec {
  /**
   * Namespace of the cluster DNS pods.
   * @default "kube-system"
   * @format dns-label
   */
  readonly namespace?: string;
  /**
   * Labels of the DNS pods; only they are reachable on port 53, not every pod of their namespace.
   * @default { "k8s-app": "kube-dns" }
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Address of a NodeLocal DNSCache (e.g. `169.254.20.10/32`), when the cluster runs one: pods query it
   * instead of the DNS Service.
   */
  readonly nodeLocalCidr?: CidrBlock;
}

/** What the NetworkPolicies need to know about the network around the environment. */
export interface NetworkSpec {
  /**
   * The cluster's pod and Service CIDRs: never reachable through `anyAddressOutsideCluster`.
   * Required when a back end uses it.
   * @default []
   */
  readonly clusterCidrs?: readonly CidrBlock[];
  /**
   * Subnets of the external data stores (MySQL, metrics RDBMS, Cassandra), for every store that
   * gives no `cidrs` of its own. Production needs an address for every store: a NetworkPolicy cannot
   * match a DNS name, so without one the database port would be open to every address.
   * @default []
   */
  readonly dataSubnets?: readonly CidrBlock[];
  /**
   * The cluster DNS.
   * @default {}
   */
  readonly dns?: ClusterDnsSpec;
}

/** An external destination after defaults, one port each, as the NetworkPolicies open it. */
export interface ResolvedEgress {
  /** Name of the destination, e.g. `apim_db`, `cassandra`, `payments-api`. */
  readonly what: string;
  /** Host name, when the destination is one (data stores); back ends are known by address only. */
  readonly host?: string;
  readonly port: number;
  /** Address blocks; empty means "any address outside the cluster" (`except` the cluster CIDRs). */
  readonly cidrs: readonly string[];
}

/** Every IPv4 and IPv6 address. */
export const anyAddress = ['0.0.0.0/0', '::/0'] as const;

/** The environment's network after defaults. */
export interface ResolvedNetwork {
  readonly clusterCidrs: readonly string[];
  readonly dataSubnets: readonly string[];
  readonly dns: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>>; readonly nodeLocalCidr?: string };
}

/**
 * How a client verifies a MySQL server, in MySQL's own terms (Connector/J `sslMode`, mysql `--ssl-mode`):
 * `VERIFY_IDENTITY` checks the CA and the host name, `VERIFY_CA` the CA only, `REQUIRED` encrypts without
 * checking who answers, `DISABLED` sends everything in the clear.
 */
export type DatabaseSslMode = 'VERIFY_IDENTITY' | 'VERIFY_CA' | 'REQUIRED' | 'DISABLED';

/** Transport security of a database connection. */
export interface DatabaseTlsSpec {
  /**
   * Defaults to `VERIFY_IDENTITY` in production and `REQUIRED` elsewhere; weaker modes only when set here.
   */
  readonly mode?: DatabaseSslMode;
  /**
   * Secret with the server's CA certificate under key `ca.crt`, for the mysql client of the schema Job and
   * the production schema checks. Needed whenever the mode verifies the server.
   */
  readonly ca?: SecretRef;
}

/** A database connection's transport security after defaults. */
export interface ResolvedDatabaseTls {
  readonly mode: DatabaseSslMode;
  /** Secret holding `ca.crt`, when the mode verifies the server. */
  readonly caSecret?: string;
}

/** Whether a mode checks the server's certificate. */
export function verifiesServer(mode: DatabaseSslMode): boolean {
  return mode === 'VERIFY_IDENTITY' || mode === 'VERIFY_CA';
}
