import type { AxwaySpec } from './axway/spec';
import type { BackupsSpec } from './backups';
import type { DnsSpec } from './dns';
import type { NetworkSpec } from './network';
import type { EntrySpec } from './entry';
import type { LoggingSpec } from './logging';
import type { GrafanaDashboardsSpec, JmxExporterImageSpec, JmxExporterSpec, PrometheusOperatorSpec } from './monitoring/spec';
import type { SecretBackendSpec, SecretRef } from './secrets';
import type { Wso2Spec } from './wso2/spec';

/** Where images come from. */
export interface ImagesSpec {
  /**
   * Registry host (and optional path) in front of every repository, e.g. `registry.example.org/apim`.
   * @pattern ^(?!.*://)[^\s]+$
   * @errorMessage {value} must be a registry host and path such as "registry.example.org/apim", without a scheme
   */
  readonly registry: string;
  /** Pull secret for the registry (a `kubernetes.io/dockerconfigjson` Secret), if it needs one. */
  readonly pullSecret?: SecretRef;
  /**
   * Image of the start-up prechecks (init containers that wait for a TCP port): anything with `sh` and
   * `nc`. Pulled from `registry` like every other image, so mirror it there (e.g. `busybox:1.37`).
   * @default { repository: "busybox", tag: "1.37" }
   */
  readonly precheck?: PrecheckImageSpec;
  /**
   * Image the Prometheus JMX exporter's agent jar is copied from, with `monitoring.jmxExporter` on.
   * Build it into `registry` (docs/monitoring.md shows how): it needs the jar at `jarPath`, and `cp`.
   * @default { repository: "jmx-exporter", tag: "1.6.0", jarPath: "/jmx_prometheus_javaagent.jar" }
   */
  readonly jmxExporter?: Partial<JmxExporterImageSpec>;
}

/** A repository and tag under the environment's registry. */
export interface PrecheckImageSpec {
  /**
   * Repository under the registry, e.g. `busybox` or `mirror/busybox`.
   * @format image-repository
   */
  readonly repository: string;
  /**
   * Tag; pin it.
   * @format image-tag
   */
  readonly tag: string;
}

/** Where pods may be placed. */
export interface SchedulingSpec {
  /**
   * How replicas spread over zones (`topology.kubernetes.io/zone`): `required` only when every node
   * carries a zone label, `preferred` otherwise, `none` for single-zone clusters.
   * @default "preferred"
   */
  readonly zoneSpread?: 'preferred' | 'required' | 'none';
  /**
   * Node labels every pod of the environment must run on (`nodeSelector`), e.g. a dedicated node pool.
   * @default {}
   * @example { 'node-pool': 'apim' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Taints every pod of the environment tolerates, e.g. a node pool kept for it.
   * @default []
   */
  readonly tolerations?: readonly TolerationSpec[];
}

/** A taint the pods tolerate (Kubernetes `Toleration`). */
export interface TolerationSpec {
  /** Taint key, e.g. `dedicated`. */
  readonly key: string;
  /**
   * `Equal` (the taint's value must match) or `Exists` (any value).
   * @default "Equal"
   */
  readonly operator?: 'Equal' | 'Exists';
  /** Taint value, with `Equal`. */
  readonly value?: string;
  /** Which taint effect it tolerates; all when left out. */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** What may scrape the environment's pods. */
export interface MonitoringSpec {
  /**
   * Namespace of the monitoring system (Prometheus); NetworkPolicies admit its scrapers to metrics ports.
   * @default "monitoring"
   * @format dns-label
   */
  readonly namespace?: string;
  /**
   * Labels of the scraping pods (Prometheus); no other pod of the monitoring namespace gets in.
   * @default { "app.kubernetes.io/name": "prometheus" }
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * The JMX exporter agent in every product JVM, which serves their metrics.
   * @default {}
   */
  readonly jmxExporter?: JmxExporterSpec;
  /**
   * PodMonitors and alerts for the Prometheus Operator.
   * @default {}
   */
  readonly prometheusOperator?: PrometheusOperatorSpec;
  /**
   * Grafana dashboards, one per stack.
   * @default {}
   */
  readonly grafanaDashboards?: GrafanaDashboardsSpec;
}

/**
 * One environment, as a platform engineer writes it in `environments/<name>/environment.ts`.
 * @example
 * export default defineEnvironment({ name: 'dev', domain: 'dev.example.org', … });
 */
export interface EnvironmentSpec {
  /**
   * Short name: the overlay folder `deploy/overlays/<name>` and the Argo CD Application `apim-<name>`.
   * @format dns-label
   */
  readonly name: string;
  /**
   * Namespace everything of this environment runs in. Defaults to `apim-<name>`.
   * @format dns-label
   */
  readonly namespace?: string;
  /**
   * DNS domain under which every public host is made, e.g. `dev.example.org`.
   * @format dns-subdomain
   */
  readonly domain: string;
  /**
   * Marks a production environment: stricter domain rules apply (no hot deployment, full HA).
   * @default false
   */
  readonly production?: boolean;
  /**
   * Name of the environment this one is the disaster-recovery standby of, in another region on
   * another cluster (`clusters` in apps/argocd/gitops.ts). It may then share that environment's
   * namespace, domain and public hosts, since DNS sends clients to one of the two at a time; any
   * other environment sharing them is refused. See docs/runbooks/disaster-recovery.md.
   * @format dns-label
   * @example 'prod'
   */
  readonly standbyFor?: string;
  /** Image registry, pull secret and precheck image. */
  readonly images: ImagesSpec;
  /** How Secrets are filled: External Secrets (default choice) or Sealed Secrets. */
  readonly secrets: SecretBackendSpec;
  /**
   * How traffic enters: Gateway API (HTTPRoutes on a Gateway), ingress-nginx, or both during a move.
   * @default {}
   */
  readonly entry?: EntrySpec;
  /**
   * Zone spreading.
   * @default {}
   */
  readonly scheduling?: SchedulingSpec;
  /**
   * Who may scrape metrics.
   * @default {}
   */
  readonly monitoring?: MonitoringSpec;
  /**
   * The network around the environment: the cluster's own CIDRs, the data subnets and the cluster DNS.
   * @default {}
   */
  readonly network?: NetworkSpec;
  /**
   * Log layout (JSON on stdout by default) and where the logs the products keep in files are shipped.
   * @default {}
   */
  readonly logging?: LoggingSpec;
  /**
   * DNS records of every public host, made by external-dns from DNSEndpoint objects. Leave out when DNS is
   * managed elsewhere.
   */
  readonly dns?: DnsSpec;
  /** Logical backups of the MySQL databases to object storage. Leave out for none. */
  readonly backups?: BackupsSpec;
  /** WSO2 API Manager 4.5, Pattern 5. Leave out to not run it. */
  readonly wso2?: Wso2Spec;
  /** Axway API Management in EMT mode. Leave out to not run it. */
  readonly axway?: AxwaySpec;
}

/**
 * Declares an environment. It only gives the object its type, so the editor checks fields and
 * shows their documentation; validation and defaults happen when the environment is rendered.
 */
export function defineEnvironment(spec: EnvironmentSpec): EnvironmentSpec {
  return spec;
}
