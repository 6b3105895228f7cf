import type { EgressTargetSpec } from '../network';
import type { ResourcesSpec } from '../resources';

/**
 * An IPv4 or IPv6 CIDR block, e.g. `10.0.0.0/8`.
 * @format cidr
 */
export type Cidr = string;

/** The Admin Node Manager: monitoring UI and metrics writer. */
export interface AdminNodeManagerSpec {
  /**
   * Always one: two ANMs would each see only part of the topology.
   * @default 1
   * @asType integer
   * @minimum 1
   * @maximum 1
   * @errorMessage two Admin Node Managers would each see only part of the topology
   */
  readonly replicas?: number;
  /**
   * Container requests and limits; the memory limit must hold the heap plus 512 MiB.
   * @default { requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } }
   */
  readonly resources?: Partial<ResourcesSpec>;
  /**
   * JVM heap in MiB (`EMT_HEAP_SIZE_MB`, both initial and maximum).
   * @default 1024
   * @asType integer
   * @minimum 256
   */
  readonly heapMb?: number;
  /**
   * `EMT_TRACE_LEVEL` of this workload's pods, over `axway.traceLevel` (e.g. `DEBUG` on the traffic pods only).
   */
  readonly traceLevel?: 'INFO' | 'DEBUG' | 'DATA';
  /**
   * Client CIDRs the entry admits to the ANM UI (ingress-nginx `whitelist-source-range`; with Gateway API,
   * an Envoy Gateway SecurityPolicy that denies every other client); keep it private.
   * @default ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
   * @minItems 1
   * @errorMessage must list at least one CIDR; the ANM UI must not be open to everyone
   */
  readonly allowedSourceRanges?: readonly Cidr[];
  /** Further destinations outside the cluster the ANM must reach (an LDAP server, a log collector). */
  readonly extraEgress?: readonly EgressTargetSpec[];
  /**
   * Further environment variables of the container, by name. Never secret values: a secret-looking
   * name with a literal value is refused.
   * @default {}
   * @propertyNames { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "errorMessage": "is not an environment variable name" }
   */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /**
   * Further annotations of the pods (a service mesh, a backup tool).
   * @default {}
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** The API Manager UI pod (gateway image, not on the API request path). */
export interface ApiManagerSpec {
  /**
   * Pods; one is recommended. More rely on the entry's cookie affinity, since sessions live per pod.
   * @default 1
   * @asType integer
   * @minimum 1
   * @maximum 20
   */
  readonly replicas?: number;
  /**
   * Container requests and limits.
   * @default { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } }
   */
  readonly resources?: Partial<ResourcesSpec>;
  /**
   * JVM heap in MiB (`EMT_HEAP_SIZE_MB`).
   * @default 1024
   * @asType integer
   * @minimum 256
   */
  readonly heapMb?: number;
  /**
   * `EMT_TRACE_LEVEL` of this workload's pods, over `axway.traceLevel` (e.g. `DEBUG` on the traffic pods only).
   */
  readonly traceLevel?: 'INFO' | 'DEBUG' | 'DATA';
  /**
   * Name of the cookie that keeps a browser on one API Manager pod (ingress-nginx affinity cookie, or the
   * HTTPRoute's session persistence).
   * @default "APIMGR_AFFINITY"
   * @pattern ^[A-Za-z0-9_-]+$
   * @errorMessage is not a cookie name (letters, digits, '_' and '-')
   */
  readonly sessionCookieName?: string;
  /**
   * The SMTP relay the API Manager sends mail through (registration, alerts), usually on 465 or 587.
   * @example { name: 'smtp', cidrs: ['10.50.0.25/32'], ports: [587] }
   */
  readonly smtp?: EgressTargetSpec;
  /** The external identity provider the API Manager signs users in with (OIDC/SAML, usually 443). */
  readonly identityProvider?: EgressTargetSpec;
  /**
   * Client CIDRs the entry admits to the API Manager UI, like the ANM's; leave out to publish it to all.
   */
  readonly allowedSourceRanges?: readonly Cidr[];
  /** Further destinations outside the cluster the API Manager must reach. */
  readonly extraEgress?: readonly EgressTargetSpec[];
  /**
   * Further environment variables of the container, by name. Never secret values: a secret-looking
   * name with a literal value is refused.
   * @default {}
   * @propertyNames { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "errorMessage": "is not an environment variable name" }
   */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /**
   * Further annotations of the pods (a service mesh, a backup tool).
   * @default {}
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** CPU-based autoscaling of the traffic pods. */
export interface TrafficAutoscalingSpec {
  /**
   * Render a HorizontalPodAutoscaler.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Lowest replica count; not below `traffic.replicas`.
   * @default 3
   * @asType integer
   * @minimum 1
   */
  readonly minReplicas?: number;
  /**
   * Highest replica count; also sizes the events volume.
   * @default 12
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  readonly maxReplicas?: number;
  /**
   * Target average CPU utilisation in percent of the CPU request.
   * @default 75
   * @asType integer
   * @minimum 10
   * @maximum 100
   */
  readonly cpuUtilization?: number;
}

/** The traffic gateways that serve API calls. */
export interface TrafficSpec {
  /**
   * Pods when not autoscaled, and the starting count; production needs one per zone (at least 3).
   * @default 3
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  readonly replicas?: number;
  /**
   * Autoscaling between a minimum and maximum.
   * @default {}
   */
  readonly autoscaling?: TrafficAutoscalingSpec;
  /**
   * Container requests and limits; the HPA measures CPU against `requests.cpu`.
   * @default { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } }
   */
  readonly resources?: Partial<ResourcesSpec>;
  /**
   * JVM heap in MiB (`EMT_HEAP_SIZE_MB`).
   * @default 1512
   * @asType integer
   * @minimum 256
   */
  readonly heapMb?: number;
  /**
   * `EMT_TRACE_LEVEL` of this workload's pods, over `axway.traceLevel` (e.g. `DEBUG` on the traffic pods only).
   */
  readonly traceLevel?: 'INFO' | 'DEBUG' | 'DATA';
  /**
   * Largest request body ingress-nginx accepts (its own default is `1m`). Envoy Gateway proxies bodies of
   * any size, so Gateway API needs no such setting.
   * @default "10m"
   * @pattern ^\d+[kmg]?$
   * @errorMessage must be an nginx size such as "10m"
   */
  readonly proxyBodySize?: string;
  /**
   * Seconds the entry waits for a back end's response (ingress-nginx `proxy-read-timeout`, the HTTPRoute's
   * `timeouts.request`).
   * @default 120
   * @asType integer
   * @minimum 1
   * @maximum 3600
   */
  readonly proxyReadTimeoutSeconds?: number;
  /**
   * The API back ends the traffic pods proxy to, by address and port: at least one, since their
   * egress is denied everywhere else. Use `anyAddressOutsideCluster: true` for APIs on the Internet.
   * @example [{ name: 'orders', cidrs: ['10.40.0.0/16'], ports: [443] }]
   */
  readonly backends?: readonly EgressTargetSpec[];
  /** Further destinations outside the cluster the traffic pods must reach. */
  readonly extraEgress?: readonly EgressTargetSpec[];
  /**
   * Further environment variables of the container, by name. Never secret values: a secret-looking
   * name with a literal value is refused.
   * @default {}
   * @propertyNames { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "errorMessage": "is not an environment variable name" }
   */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /**
   * Further annotations of the pods (a service mesh, a backup tool).
   * @default {}
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}
