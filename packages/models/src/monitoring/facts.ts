/**
 * What the monitoring depends on and does not decide itself: how the Prometheus JMX exporter's Java
 * agent is loaded and what it emits, and which metrics the cluster's own exporters (kube-state-metrics,
 * the kubelet, Prometheus) and the traffic entries (ingress-nginx, Envoy Gateway) produce. Every alert
 * and dashboard query may read only the metrics listed here; `packages/renderer/test/monitoring/`
 * parses each query and holds it to this list.
 *
 * Sources (read for this module):
 * - prometheus/jmx_exporter, tag 1.6.0 (commit 3a7e2260): `website/versioned_docs/version-1.6.0/`
 *   (`deployment/java-agent.md`, `reference/configuration.md`, `reference/artifacts.md`),
 *   `jmx_prometheus_javaagent/src/main/java/io/prometheus/jmx/JavaAgent.java`, `pom.xml`
 *   (`prometheus.metrics.version` 1.7.0);
 * - prometheus/client_java, tag v1.7.0: `prometheus-metrics-instrumentation-jvm/…/Jvm*Metrics.java`,
 *   `ProcessMetrics.java`;
 * - kubernetes/kube-state-metrics (commit c92fe0c5, after v2.20.0): `docs/metrics/workload/*.md`;
 * - prometheus-community/helm-charts (commit cf408a29), `charts/kube-prometheus-stack/templates/prometheus/rules-1.14/kubernetes-storage.yaml`
 *   (kubelet volume stats), `values.yaml` (selectors, Grafana sidecar label);
 * - kubernetes/ingress-nginx, controller-v1.15.1 (commit dbb11b92): `internal/ingress/metric/collectors/{main,socket,controller}.go`;
 * - prometheus-operator/prometheus-operator (commit 6adcebc5, after v0.93.0): `pkg/prometheus/promcfg.go`;
 * - envoyproxy/gateway (commit d32f2829, after v1.9.0): `charts/gateway-addons-helm/dashboards/envoy-clusters.json`,
 *   `site/content/en/latest/tasks/observability/proxy-metric.md`.
 */

/**
 * The JMX exporter's Java agent (jmx_exporter 1.6.0, the current 1.x release). The agent argument is
 * `<port>:<exporter yaml>` ("Enable HTTP on 0.0.0.0:<PORT>", java-agent.md), so the JVM flag is
 * `-javaagent:<jar>=<port>:<yaml>`. If the agent cannot start, e.g. because its port is taken, it prints
 * "Failed to start Prometheus JMX Exporter" and calls `System.exit(1)` (JavaAgent.java `handleError`): a
 * second JVM with the same flag in one container kills whichever of the two loses the port.
 */
export const jmxExporterAgent = {
  version: '1.6.0',
  /** File name of the release jar (reference/artifacts.md). */
  jarName: 'jmx_prometheus_javaagent-1.6.0.jar',
  /** The JVM option that loads the agent, serving HTTP on every address on `port`. */
  javaAgentFlag: (jar: string, port: number, config: string) => `-javaagent:${jar}=${port}:${config}`,
  /** Path the agent serves (reference/configuration.md `httpServer.metrics.path`, default `/metrics`). */
  metricsPath: '/metrics',
  /** Port of the exporter's own examples (quick-start.md, java-agent.md). */
  examplePort: 9404,
  /** The 1.x jar is built for Java 8 (pom.xml `maven.compiler.release` 8): WSO2 4.5 runs JDK 21, Axway 7.7 Java 11. */
  minimumJava: 8,
} as const;

/**
 * The rules file the agent reads. The JVM metrics (`jvm_*`, `process_*`) come from client_java's
 * JvmMetrics, which the agent registers unless `excludeJvmMetrics` is true (JavaAgent.java `start`). The
 * JMX collector itself is limited to the platform MBeans of `java.lang`: the products' own MBeans (Carbon,
 * Synapse, Vordel) are many, their names are not documented for 4.5 and 7.7, and exporting all of them
 * by the default rule would multiply the series per pod.
 */
export const jmxExporterConfig = {
  lowercaseOutputName: true,
  lowercaseOutputLabelNames: true,
  includeObjectNames: ['java.lang:*'],
} as const;

/**
 * Target labels the Prometheus Operator gives every PodMonitor target, on every series scraped from it:
 * `namespace`, `container` and `pod` from the pod's metadata (prometheus-operator commit 6adcebc5
 * `pkg/prometheus/promcfg.go`, relabelings of `__meta_kubernetes_namespace`, `__meta_kubernetes_pod_container_name`,
 * `__meta_kubernetes_pod_name`). The JVM alerts select the pods of a Deployment by `namespace` and `pod`.
 */
export const podMonitorTargetLabels = ['namespace', 'container', 'pod'] as const;

/** One producer of metrics the alerts and dashboards may read, and where its metric names were read. */
export interface MetricSource {
  readonly id: 'jmx-exporter' | 'kube-state-metrics' | 'kubelet' | 'prometheus' | 'ingress-nginx' | 'envoy-gateway';
  /** Who produces them, and whether this repository renders it (`rendered`) or the platform runs it. */
  readonly producer: string;
  readonly rendered: boolean;
  readonly source: string;
  /** Series names as PromQL reads them (a summary's `_count` and `_sum` each listed). */
  readonly metrics: readonly string[];
}

/**
 * Every metric an alert or dashboard query may read. The JMX exporter's are emitted by the agent this
 * repository renders into each product JVM; the others come from the cluster's monitoring (a
 * prerequisite: kube-prometheus-stack ships kube-state-metrics and the kubelet's scrape, with
 * `honorLabels: true` for kube-state-metrics so that `namespace` is the object's) and from the traffic
 * entry's own metrics, scraped by the platform.
 */
export const metricSources: readonly MetricSource[] = [
  {
    id: 'jmx-exporter',
    producer: 'the Prometheus JMX exporter agent in each product JVM (rendered here)',
    rendered: true,
    source:
      'prometheus/client_java v1.7.0 JvmMemoryMetrics (jvm_memory_used_bytes{area="heap"}, jvm_memory_max_bytes), JvmGarbageCollectorMetrics (summary jvm_gc_collection_seconds), JvmThreadsMetrics (jvm_threads_current), ProcessMetrics (process_cpu_seconds_total); jmx_exporter 1.6.0 integration_tests BasicTest (jvm_memory_used_bytes{area="heap"})',
    metrics: [
      'jvm_memory_used_bytes',
      'jvm_memory_committed_bytes',
      'jvm_memory_max_bytes',
      'jvm_gc_collection_seconds_count',
      'jvm_gc_collection_seconds_sum',
      'jvm_threads_current',
      'process_cpu_seconds_total',
      'process_start_time_seconds',
    ],
  },
  {
    id: 'kube-state-metrics',
    producer: 'kube-state-metrics (cluster prerequisite)',
    rendered: false,
    source:
      'kubernetes/kube-state-metrics docs/metrics/workload/deployment-metrics.md, pod-metrics.md, horizontalpodautoscaler-metrics.md (all STABLE; labels namespace, deployment, pod, container, horizontalpodautoscaler)',
    metrics: [
      'kube_deployment_spec_replicas',
      'kube_deployment_status_replicas_available',
      'kube_pod_container_status_restarts_total',
      'kube_horizontalpodautoscaler_spec_min_replicas',
      'kube_horizontalpodautoscaler_spec_max_replicas',
      'kube_horizontalpodautoscaler_status_current_replicas',
    ],
  },
  {
    id: 'kubelet',
    producer: "the kubelet's /metrics (scraped by kube-prometheus-stack's kubelet ServiceMonitor)",
    rendered: false,
    source:
      'kube-prometheus-stack templates/prometheus/rules-1.14/kubernetes-storage.yaml (KubePersistentVolumeFillingUp reads kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes by namespace and persistentvolumeclaim)',
    metrics: ['kubelet_volume_stats_available_bytes', 'kubelet_volume_stats_capacity_bytes'],
  },
  {
    id: 'prometheus',
    producer: 'Prometheus itself: one `up` series per scrape target',
    rendered: false,
    source: 'prometheus.io/docs/concepts/jobs_instances/ ("up{job, instance}: 1 if the instance is healthy, 0 if the scrape failed")',
    metrics: ['up'],
  },
  {
    id: 'ingress-nginx',
    producer: "the ingress-nginx controller's metrics (entry.kind ingress-nginx or both)",
    rendered: false,
    source:
      'kubernetes/ingress-nginx controller-v1.15.1 internal/ingress/metric/collectors/socket.go (counter nginx_ingress_controller_requests, labels status, method, path, namespace, ingress, service, canary) and controller.go (gauge nginx_ingress_controller_ssl_expire_time_seconds, labels host, namespace, secret_name)',
    metrics: ['nginx_ingress_controller_requests', 'nginx_ingress_controller_ssl_expire_time_seconds'],
  },
  {
    id: 'envoy-gateway',
    producer: "Envoy Gateway's proxies, /stats/prometheus on 19001 (entry.kind gateway-api or both)",
    rendered: false,
    source:
      'envoyproxy/gateway charts/gateway-addons-helm/dashboards/envoy-clusters.json: envoy_cluster_upstream_rq_xx{envoy_response_code_class="5", envoy_cluster_name=~".+?route/<namespace>/<route>/rule/<n>"}',
    metrics: ['envoy_cluster_upstream_rq_xx'],
  },
];

/** Every metric name some source produces. */
export const knownMetrics: ReadonlySet<string> = new Set(metricSources.flatMap((s) => s.metrics));

/**
 * The Envoy cluster Envoy Gateway makes for one rule of an HTTPRoute: `httproute/<namespace>/<name>/rule/<n>`
 * (envoy-clusters.json filters by `.+?route/${namespace}/${resource}/rule/${rule}`; proxy-metric.md greps
 * `default/backend/rule/0`).
 */
export function envoyRouteClusterPattern(namespace: string, route: string): string {
  return `httproute/${namespace}/${route}/rule/[0-9]+`;
}

/**
 * A Deployment's pods in PromQL: `<deployment>-<pod-template-hash>-<suffix>`. The ReplicaSet is named
 * `<deployment>-<pod-template-hash>` and its pods `<replicaset>-<5 random characters>` (kubernetes.io,
 * Deployments: "the name of the ReplicaSet is [DEPLOYMENT-NAME]-[HASH]"); neither part holds a '-', so a
 * Deployment whose name starts with another's never matches.
 */
export function deploymentPodPattern(deployment: string): string {
  return `${deployment}-[a-z0-9]+-[a-z0-9]+`;
}
