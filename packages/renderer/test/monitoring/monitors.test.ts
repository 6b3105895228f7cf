import { resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import type { Obj } from '../wso2/rendered';
import { byKind, selects } from '../wso2/rendered';
import { allContainers, monitoredEnvironments, productDeployments, renderedMonitored } from './monitored';

describe.each(Object.keys(monitoredEnvironments))('%s: PodMonitors', (name) => {
  const objects = renderedMonitored(name);
  const env = resolveEnvironment(monitoredEnvironments[name]!, name);
  const operator = env.monitoring.prometheusOperator!;
  const monitors = byKind(objects, 'PodMonitor');

  it.each(productDeployments(objects).map((d) => [d.metadata.name, d] as const))(
    '%s: is selected by a monitor on a port its pods open',
    (_name, deployment: Obj) => {
      const labels = deployment.spec.template.metadata.labels;
      const ports = allContainers(deployment).flatMap((c) => (c.ports ?? []).map((p: Obj) => p.name));
      const scraping = monitors.filter((m) => selects(m.spec.selector.matchLabels, labels));
      expect(scraping.map((m) => m.metadata.name)).toEqual([deployment.metadata.name]);
      for (const endpoint of scraping[0]!.spec.podMetricsEndpoints) {
        expect(ports).toContain(endpoint.port);
        expect(endpoint.interval).toBe(operator.scrapeInterval);
      }
    },
  );

  it('every monitor selects the pods of exactly one Deployment, in its own namespace', () => {
    for (const monitor of monitors) {
      expect(monitor.spec.namespaceSelector, monitor.metadata.name).toBeUndefined();
      const selected = productDeployments(objects).filter((d) => selects(monitor.spec.selector.matchLabels, d.spec.template.metadata.labels));
      expect(selected, monitor.metadata.name).toHaveLength(1);
    }
  });

  it("every monitor and rule carries the labels the Prometheus selects by, under the object's own", () => {
    for (const object of [...monitors, ...byKind(objects, 'PrometheusRule')]) {
      expect(object.metadata.labels, object.metadata.name).toMatchObject(operator.selectorLabels);
      expect(object.metadata.labels['app.kubernetes.io/managed-by']).toBe('apim-gitops');
    }
  });
});
