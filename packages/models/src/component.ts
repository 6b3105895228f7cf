import type { ResolvedEgress } from './network';

/** Which product stack a component belongs to. */
export type StackId = 'wso2' | 'axway';

/** A connection a component opens to another component inside the environment. */
export interface InClusterConnection {
  /** Id of the component it talks to. */
  readonly to: string;
  /** Service port it talks to. */
  readonly port: number;
}

/**
 * A connection a component opens to a destination outside the cluster: a data store, an API back end,
 * the SMTP relay. NetworkPolicies open it by address, so it carries the CIDRs its host lives in.
 */
export type ExternalConnection = ResolvedEgress;

/**
 * What every rendered component tells the rest of the system about itself: its names, whom it
 * needs before it starts, and whom it talks to. Sync waves, NetworkPolicies and the integrity
 * checks are all derived from these, so none of them is typed by hand.
 */
export interface ResolvedComponent {
  /** Stable id and the base name of the component's objects, e.g. `wso2-gateway`. */
  readonly id: string;
  readonly stack: StackId;
  /** Value of `app.kubernetes.io/component`, e.g. `gateway`. */
  readonly component: string;
  /** Value of `app.kubernetes.io/name`, the product, e.g. `wso2am`. */
  readonly app: string;
  /**
   * Name of the component's Service. A run-to-completion component (a schema Job) has no Service;
   * its serviceName is then its id and nothing connects to it.
   */
  readonly serviceName: string;
  /** Components that must be running before this one starts. */
  readonly dependsOn: readonly string[];
  /** In-cluster connections this component opens. */
  readonly connects: readonly InClusterConnection[];
  /** Connections to hosts outside the cluster. */
  readonly external: readonly ExternalConnection[];
  /** Container ports that an Ingress sends traffic to. */
  readonly ingressPorts: readonly number[];
  /** Container ports a monitoring system scrapes, if any. */
  readonly metricsPorts: readonly number[];
}
