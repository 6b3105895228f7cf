import type { ResourcesSpec } from '../resources';

/** The Admin Node Manager: monitoring UI and metrics writer. */
export interface AdminNodeManagerSpec {
  /**
   * Always one: two ANMs would each see only part of the topology.
   * @default 1
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
   */
  readonly heapMb?: number;
  /**
   * Client CIDRs the ingress admits to the ANM UI (`whitelist-source-range`); keep it private.
   * @default ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
   */
  readonly allowedSourceRanges?: readonly string[];
}

/** The API Manager UI pod (gateway image, not on the API request path). */
export interface ApiManagerSpec {
  /**
   * Pods; one is recommended. More rely on the Ingress's cookie affinity, since sessions live per pod.
   * @default 1
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
   */
  readonly heapMb?: number;
  /**
   * Name of the ingress-nginx affinity cookie that keeps a browser on one API Manager pod.
   * @default "APIMGR_AFFINITY"
   */
  readonly sessionCookieName?: string;
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
   */
  readonly minReplicas?: number;
  /**
   * Highest replica count; also sizes the events volume.
   * @default 12
   */
  readonly maxReplicas?: number;
  /**
   * Target average CPU utilisation in percent of the CPU request.
   * @default 75
   */
  readonly cpuUtilization?: number;
}

/** The traffic gateways that serve API calls. */
export interface TrafficSpec {
  /**
   * Pods when not autoscaled, and the starting count; production needs one per zone (at least 3).
   * @default 3
   */
  readonly replicas?: number;
  /** Autoscaling between a minimum and maximum. */
  readonly autoscaling?: TrafficAutoscalingSpec;
  /**
   * Container requests and limits; the HPA measures CPU against `requests.cpu`.
   * @default { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } }
   */
  readonly resources?: Partial<ResourcesSpec>;
  /**
   * JVM heap in MiB (`EMT_HEAP_SIZE_MB`).
   * @default 1512
   */
  readonly heapMb?: number;
  /**
   * Largest request body the ingress accepts (ingress-nginx's own default is `1m`).
   * @default "10m"
   */
  readonly proxyBodySize?: string;
  /**
   * Seconds the ingress waits for a backend response.
   * @default 120
   */
  readonly proxyReadTimeoutSeconds?: number;
}

/** Defaults of the Admin Node Manager. */
export const adminNodeManagerDefaults = {
  replicas: 1,
  resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
  heapMb: 1024,
  allowedSourceRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
} as const;

/** Defaults of the API Manager UI. */
export const apiManagerDefaults = {
  replicas: 1,
  resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } },
  heapMb: 1024,
  sessionCookieName: 'APIMGR_AFFINITY',
} as const;

/** Defaults of the traffic autoscaler. */
export const trafficAutoscalingDefaults = {
  enabled: true,
  minReplicas: 3,
  maxReplicas: 12,
  cpuUtilization: 75,
} as const satisfies TrafficAutoscalingSpec;

/** Defaults of the traffic gateways. */
export const trafficDefaults = {
  replicas: 3,
  resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } },
  heapMb: 1512,
  proxyBodySize: '10m',
  proxyReadTimeoutSeconds: 120,
} as const;
