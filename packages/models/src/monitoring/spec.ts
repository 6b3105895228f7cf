import type { LabelValue } from '../entry';

/**
 * The Prometheus JMX exporter's Java agent in every product JVM: neither WSO2 API Manager 4.5 nor Axway
 * API Gateway 7.7 serves Prometheus metrics itself (docs/monitoring.md), so the agent is how their
 * JVMs are scraped. An init container copies the agent jar from `images.jmxExporter` into the pod; the
 * rules file is a rendered ConfigMap.
 * @see https://prometheus.github.io/jmx_exporter/
 */
export interface JmxExporterSpec {
  /**
   * Load the agent into the control plane, key managers and gateways (WSO2) and into the ANM, API
   * Manager and traffic pods (Axway), and open its port to `monitoring.namespace`'s scrapers. On WSO2
   * this also turns the product's diagnostics tool off: it starts a second JVM with the same
   * `JAVA_OPTS`, whose copy of the agent would take the port first.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Port the agent serves `/metrics` on (plain HTTP), named `metrics` on the pods. 9404 is the port of
   * the exporter's own examples and is free on both products.
   * @default 9404
   * @asType integer
   * @minimum 1024
   * @maximum 65535
   */
  readonly port?: number;
}

/** PodMonitors and PrometheusRules for a Prometheus run by the Prometheus Operator (kube-prometheus-stack). */
export interface PrometheusOperatorSpec {
  /**
   * Render a PodMonitor per workload (it needs `monitoring.jmxExporter.enabled`: the monitors scrape the
   * agent's port) and, with `alerts`, a PrometheusRule per stack. The cluster must serve
   * `monitoring.coreos.com/v1`.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Labels on every PodMonitor and PrometheusRule, so that the Prometheus selects them: kube-prometheus-stack
   * selects by `release: <its Helm release>` unless told otherwise (its values `podMonitorSelectorNilUsesHelmValues`,
   * `ruleSelectorNilUsesHelmValues`).
   * @default { "release": "kube-prometheus-stack" }
   * @propertyNames { "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?){0,}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", "errorMessage": "is not a label key" }
   */
  readonly selectorLabels?: Readonly<Record<string, LabelValue>>;
  /**
   * How often the pods are scraped.
   * @default "30s"
   * @pattern ^[1-9][0-9]*(s|m)$
   * @errorMessage must be a whole number of seconds or minutes such as "30s" or "1m"
   */
  readonly scrapeInterval?: string;
  /**
   * Render the alerts (one PrometheusRule per stack; docs/runbooks/alerts.md says what each means and
   * what to do).
   * @default true
   */
  readonly alerts?: boolean;
}

/** Grafana dashboards as ConfigMaps, for the Grafana sidecar that loads dashboards from labelled ConfigMaps. */
export interface GrafanaDashboardsSpec {
  /**
   * Render one dashboard per stack.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Labels the Grafana sidecar looks for: kube-prometheus-stack's Grafana watches ConfigMaps labelled
   * `grafana_dashboard: "1"` (its values `grafana.sidecar.dashboards.label` and `labelValue`).
   * @default { "grafana_dashboard": "1" }
   * @propertyNames { "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?){0,}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", "errorMessage": "is not a label key" }
   */
  readonly labels?: Readonly<Record<string, LabelValue>>;
}

/** The image the JMX exporter's agent jar is copied from, under the environment's registry. */
export interface JmxExporterImageSpec {
  /**
   * Repository under the registry. Any image with `cp` and the jar will do, e.g. one built `FROM busybox`
   * that adds `jmx_prometheus_javaagent-1.6.0.jar` (docs/monitoring.md shows one).
   * @format image-repository
   */
  readonly repository: string;
  /**
   * Tag; pin it (production refuses `latest`).
   * @format image-tag
   */
  readonly tag: string;
  /**
   * Digest that pins the image (`sha256:…`), so a re-pushed tag can never change what runs.
   * @pattern ^sha256:[a-f0-9]{64}$
   * @errorMessage is not an image digest such as "sha256:" followed by 64 hex digits
   */
  readonly digest?: string;
  /**
   * Path of the agent jar inside the image.
   * @pattern ^/[^\s:=]+\.jar$
   * @errorMessage must be an absolute path to a .jar, without spaces, ':' or '='
   */
  readonly jarPath: string;
}
