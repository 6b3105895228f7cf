import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownMetrics, metricSources, resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import type { AlertName, AlertRule } from '../../src/monitoring/alerts';
import { alertSeverities, runbookDocument, stackAlerts } from '../../src/monitoring/alerts';
import type { StackWorkloads } from '../../src/monitoring/stack-workloads';
import type { Obj } from '../wso2/rendered';
import { byKind } from '../wso2/rendered';
import { monitoredEnvironments, productDeployments, renderedMonitored } from './monitored';
import { parsePromql } from './parsed-promql';

const repositoryRoot = join(__dirname, '../../../..');
const runbooks = readFileSync(join(repositoryRoot, runbookDocument), 'utf8');

/** Every alert of a rendered environment, with its PrometheusRule. */
function renderedAlerts(objects: readonly Obj[]): (AlertRule & { rule: string })[] {
  return byKind(objects, 'PrometheusRule').flatMap((r) =>
    r.spec.groups.flatMap((g: Obj) => g.rules.map((rule: AlertRule) => ({ ...rule, rule: r.metadata.name as string }))),
  );
}

const of = (alerts: readonly AlertRule[], alert: AlertName, label: string, value: string) =>
  alerts.filter((a) => a.alert === alert && a.labels[label] === value);

describe('the PromQL check', () => {
  it('finds a broken expression and the metrics a good one reads', () => {
    expect(parsePromql('sum(rate(x{a="b"}[5m])').errors.length).toBeGreaterThan(0);
    expect(parsePromql('sum(rate(x{a="b"}[5m])) / sum(rate(y[5m])) > 0.1 and up == 0')).toEqual({ errors: [], metrics: ['x', 'y', 'up'] });
  });
});

describe.each(Object.keys(monitoredEnvironments))('%s: alerts', (name) => {
  const objects = renderedMonitored(name);
  const env = resolveEnvironment(monitoredEnvironments[name]!, name);
  const alerts = renderedAlerts(objects);

  it('renders one PrometheusRule per stack', () => {
    expect(byKind(objects, 'PrometheusRule').map((r) => r.metadata.name)).toEqual(['wso2-alerts', 'axway-alerts']);
  });

  it.each(alerts.map((a, i) => [`${i} ${a.alert} ${a.labels.component}`, a] as const))('%s: parses, and reads only declared metrics', (_n, alert) => {
    const parsed = parsePromql(alert.expr);
    expect(parsed.errors, alert.expr).toEqual([]);
    expect(parsed.metrics.length).toBeGreaterThan(0);
    for (const metric of parsed.metrics) expect([...knownMetrics], `${metric} in ${alert.expr}`).toContain(metric);
    // Every selector stays in the environment's namespace (Envoy's carries it in the cluster name).
    expect(alert.expr.includes(`namespace="${env.namespace}"`) || alert.expr.includes(`httproute/${env.namespace}/`), alert.expr).toBe(true);
  });

  it('gives every alert a severity, a summary, a description and a runbook section', () => {
    for (const alert of alerts) {
      expect(alert.labels.severity).toBe(alertSeverities[alert.alert as AlertName]);
      expect(alert.labels.environment).toBe(env.name);
      expect(alert.annotations.summary.length).toBeGreaterThan(10);
      expect(alert.annotations.description.length).toBeGreaterThan(10);
      expect(alert.annotations.runbook).toBe(`${runbookDocument}#${alert.alert.toLowerCase()}`);
    }
  });

  it('watches every Deployment: down, degraded, restart loop, and the heap and scrape of its JVM', () => {
    for (const d of productDeployments(objects)) {
      for (const alert of ['ApimComponentDown', 'ApimComponentDegraded', 'ApimRestartLoop', 'ApimJvmHeapNearLimit', 'ApimMetricsDown'] as const)
        expect(of(alerts, alert, 'deployment', d.metadata.name), `${alert} ${d.metadata.name}`).toHaveLength(1);
      expect(of(alerts, 'ApimJvmHeapNearLimit', 'deployment', d.metadata.name)[0]!.expr).toContain('jvm_memory_used_bytes{');
    }
  });

  it('watches every autoscaled gateway at its maximum', () => {
    const hpas = byKind(objects, 'HorizontalPodAutoscaler').map((h) => h.metadata.name);
    const autoscaled = [
      ...(env.wso2!.gateway.autoscaling ? [env.wso2!.gateway.id] : []),
      ...(env.axway!.traffic.settings.autoscaling ? [env.axway!.traffic.component.id] : []),
    ];
    expect(hpas.sort()).toEqual(autoscaled.sort());
    if (name === 'prod') expect(hpas).toHaveLength(2);
    for (const hpa of hpas) {
      const [alert] = of(alerts, 'ApimAutoscalerAtMaximum', 'horizontalpodautoscaler', hpa);
      expect(alert!.expr).toContain(`kube_horizontalpodautoscaler_spec_max_replicas{namespace="${env.namespace}",horizontalpodautoscaler="${hpa}"}`);
    }
  });

  it('watches the Axway events claim by its rendered name', () => {
    const claim = env.axway!.events.claimName;
    expect(byKind(objects, 'PersistentVolumeClaim').map((c) => c.metadata.name)).toContain(claim);
    const [alert] = of(alerts, 'ApimVolumeFillingUp', 'persistentvolumeclaim', claim);
    expect(alert!.expr).toContain(`kubelet_volume_stats_available_bytes{namespace="${env.namespace}",persistentvolumeclaim="${claim}"}`);
  });

  it('watches the 5xx rate of every public route through the entry that carries it', () => {
    const routes = [...byKind(objects, 'Ingress'), ...byKind(objects, 'HTTPRoute')];
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const [alert] = of(alerts, 'ApimRoute5xxRate', 'route', route.metadata.name).filter(
        (a) => a.labels.entry === (route.kind === 'Ingress' ? 'ingress-nginx' : 'envoy-gateway'),
      );
      expect(alert!.expr).toContain(route.kind === 'Ingress' ? 'status=~"5.."' : 'envoy_response_code_class="5"');
    }
  });

  it('watches the expiry of every certificate an Ingress serves (ingress-nginx reports it)', () => {
    const secrets = [...new Set(byKind(objects, 'Ingress').flatMap((i) => (i.spec.tls ?? []).map((t: Obj) => t.secretName)))];
    for (const secret of secrets)
      expect(alerts.filter((a) => a.alert === 'ApimCertificateExpiring' && a.labels.certificate === secret).length).toBeGreaterThan(0);
    if (secrets.length === 0) expect(alerts.filter((a) => a.alert === 'ApimCertificateExpiring')).toEqual([]);
  });
});

describe('alert sources and runbooks', () => {
  it('names its source for every metric producer', () => {
    for (const source of metricSources) expect(source.source.length, source.id).toBeGreaterThan(20);
  });

  it.each(Object.keys(alertSeverities))('%s has a runbook section saying what it means and what to do', (alert) => {
    const section = runbooks.split(/^## /m).find((s) => s.startsWith(`${alert}\n`));
    expect(section, `## ${alert} in ${runbookDocument}`).toBeDefined();
    expect(section).toMatch(/\*\*Means\*\*/);
    expect(section).toMatch(/\*\*Do\*\*/);
  });

  it('gives a new component its alerts, because they follow the rendered workloads', () => {
    const env = resolveEnvironment(monitoredEnvironments.prod!, 'prod');
    const workloads: StackWorkloads = {
      stack: 'wso2',
      deployments: [{ name: 'wso2-traffic-manager', component: 'wso2-traffic-manager', jvmMetrics: true, autoscaler: 'wso2-traffic-manager' }],
      claims: ['wso2-solr'],
      routes: [{ name: 'wso2-traffic-manager', component: 'wso2-traffic-manager', entry: 'ingress-nginx', tlsSecrets: ['tm-tls'] }],
    };
    expect(
      stackAlerts(env, workloads)
        .map((a) => a.alert)
        .sort(),
    ).toEqual(Object.keys(alertSeverities).sort());
  });
});
