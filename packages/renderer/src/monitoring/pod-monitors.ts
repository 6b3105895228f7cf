import type { ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';
import { jmxExporterAgent } from '@apim-gitops/models';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { componentLabels, selectorLabels } from '../labels';
import { metricsPortName } from './jmx-exporter';

/**
 * A PodMonitor for one component whose pods serve metrics: it selects the pods by the same labels as the
 * component's Service and NetworkPolicy and scrapes the JMX exporter's `metrics` port in the environment's
 * own namespace (no `namespaceSelector`: a PodMonitor's default). The Prometheus picks it up by
 * `monitoring.prometheusOperator.selectorLabels`.
 */
export function podMonitor(env: ResolvedEnvironment, component: ResolvedComponent): PodMonitor | undefined {
  const operator = env.monitoring.prometheusOperator;
  if (!operator || component.metricsPorts.length === 0) return undefined;
  return new PodMonitor({
    metadata: { name: component.id, labels: { ...operator.selectorLabels, ...componentLabels(component) } },
    spec: {
      selector: { matchLabels: selectorLabels(component) },
      podMetricsEndpoints: [{ port: metricsPortName, path: jmxExporterAgent.metricsPath, scheme: 'http', interval: operator.scrapeInterval }],
    },
  });
}
