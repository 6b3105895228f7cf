import type { MonitoringSpec } from '../environment';
import type { FieldChecks } from '../field-checks';
import { withSpecDefault } from '../schema/spec-defaults';
import type { JmxExporterImageSpec } from './spec';

/** The JMX exporter agent of every product JVM, when it is on. */
export interface ResolvedJmxExporter {
  /** Full reference of the image the agent jar is copied from. */
  readonly image: string;
  /** Where the jar is in that image. */
  readonly jarPath: string;
  /** Port `/metrics` is served on, named `metrics`. */
  readonly port: number;
}

/** What may scrape the environment, and what the environment renders for its monitoring. */
export interface ResolvedMonitoring {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly jmxExporter?: ResolvedJmxExporter;
  /** PodMonitors (and, with `alerts`, PrometheusRules), when on. */
  readonly prometheusOperator?: {
    readonly selectorLabels: Readonly<Record<string, string>>;
    readonly scrapeInterval: string;
    readonly alerts: boolean;
  };
  /** Grafana dashboard ConfigMaps, when on. */
  readonly dashboards?: { readonly labels: Readonly<Record<string, string>> };
}

/** The metrics ports of a product JVM's pods: the agent's, when it runs. */
export function jvmMetricsPorts(monitoring: ResolvedMonitoring): number[] {
  return monitoring.jmxExporter ? [monitoring.jmxExporter.port] : [];
}

/**
 * The monitoring part of an environment from its schema-validated spec (every @default applied), with
 * the rules that relate its fields.
 */
export function resolveMonitoring(
  checks: FieldChecks,
  spec: MonitoringSpec,
  images: { readonly registry: string; readonly jmxExporter?: Partial<JmxExporterImageSpec> },
  production: boolean,
): ResolvedMonitoring {
  const jmx = spec.jmxExporter!;
  const operator = spec.prometheusOperator!;
  const dashboards = spec.grafanaDashboards!;
  let jmxExporter: ResolvedJmxExporter | undefined;
  if (jmx.enabled === true) {
    const image = withSpecDefault<JmxExporterImageSpec>('ImagesSpec', 'jmxExporter', images.jmxExporter);
    if (production && image.tag === 'latest')
      checks.issues.add(
        'images.jmxExporter.tag',
        'must be an immutable tag in production, not "latest": a change of image is a new tag and a reviewed rollout',
      );
    jmxExporter = {
      image: `${images.registry}/${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ''}`,
      jarPath: image.jarPath,
      port: jmx.port!,
    };
  }
  // The monitors scrape the agent's port; without the agent the pods have nothing to scrape.
  if (operator.enabled === true && !jmxExporter)
    checks.issues.add(
      'monitoring.prometheusOperator.enabled',
      'needs monitoring.jmxExporter.enabled: true, since the PodMonitors scrape the JMX exporter port, which the pods open only with it',
    );
  return {
    namespace: spec.namespace!,
    podLabels: { ...spec.podLabels! },
    ...(jmxExporter ? { jmxExporter } : {}),
    ...(operator.enabled === true
      ? { prometheusOperator: { selectorLabels: { ...operator.selectorLabels! }, scrapeInterval: operator.scrapeInterval!, alerts: operator.alerts! } }
      : {}),
    ...(dashboards.enabled === true ? { dashboards: { labels: { ...dashboards.labels! } } } : {}),
  };
}
