import { knownMetrics, resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import { dashboardJson, dashboardRows } from '../../src/monitoring/dashboards';
import type { StackWorkloads } from '../../src/monitoring/stack-workloads';
import type { Obj } from '../wso2/rendered';
import { byKind, named } from '../wso2/rendered';
import { monitoredEnvironments, renderedMonitored } from './monitored';
import { parsePromql } from './parsed-promql';

const partOf = { wso2: 'wso2-apim', axway: 'axway-apim' } as const;

/** The rows of a dashboard, each with the panels under it. */
function rowsOf(dashboard: Obj): { title: string; panels: Obj[] }[] {
  const rows: { title: string; panels: Obj[] }[] = [];
  for (const panel of dashboard.panels as Obj[]) {
    if (panel.type === 'row') rows.push({ title: panel.title, panels: [] });
    else rows.at(-1)!.panels.push(panel);
  }
  return rows;
}

describe.each(Object.keys(monitoredEnvironments))('%s: Grafana dashboards', (name) => {
  const objects = renderedMonitored(name);
  const env = resolveEnvironment(monitoredEnvironments[name]!, name);

  describe.each(['wso2', 'axway'] as const)('%s', (stack) => {
    const configMap = named(objects, 'ConfigMap', `${stack}-dashboard`);
    const text: string = configMap.data[`${stack}.json`];
    const dashboard = JSON.parse(text) as Obj;
    const rows = rowsOf(dashboard);
    const deployments = byKind(objects, 'Deployment').filter((d) => d.metadata.labels['app.kubernetes.io/part-of'] === partOf[stack]);

    it('is labelled for the Grafana sidecar', () => {
      expect(configMap.metadata.labels).toMatchObject(env.monitoring.dashboards!.labels);
    });

    it('has a row for every Deployment, with its availability, restarts, heap, and (where it has them) autoscaler and route panels', () => {
      expect(rows.filter((r) => r.title !== 'volumes').map((r) => r.title)).toEqual(deployments.map((d) => d.metadata.name).sort());
      const hpas = byKind(objects, 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
      for (const d of deployments) {
        const titles = rows.find((r) => r.title === d.metadata.name)!.panels.map((p) => p.title as string);
        const instance = d.metadata.labels['app.kubernetes.io/instance'];
        const routes = [...byKind(objects, 'Ingress'), ...byKind(objects, 'HTTPRoute')].filter(
          (r) => r.metadata.labels['app.kubernetes.io/instance'] === instance,
        );
        expect(titles).toEqual(
          expect.arrayContaining([`${d.metadata.name}: pods available`, `${d.metadata.name}: container restarts (1h)`, `${d.metadata.name}: JVM heap`]),
        );
        expect(titles.includes(`${d.metadata.name}: replicas and autoscaler bounds`)).toBe(hpas.includes(d.metadata.name));
        for (const route of routes)
          expect(
            titles.some((t) => t.startsWith(`${route.metadata.name}: requests and 5xx`)),
            route.metadata.name,
          ).toBe(true);
      }
    });

    it("queries only metrics the exporters or the declared sources produce, in the environment's namespace", () => {
      const targets = (dashboard.panels as Obj[]).flatMap((p) => p.targets ?? []);
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) {
        const parsed = parsePromql(target.expr);
        expect(parsed.errors, target.expr).toEqual([]);
        for (const metric of parsed.metrics) expect([...knownMetrics], `${metric} in ${target.expr}`).toContain(metric);
        expect(target.expr.includes(`namespace="${env.namespace}"`) || target.expr.includes(`httproute/${env.namespace}/`), target.expr).toBe(true);
        expect(target.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      }
    });

    it('has unique panel ids and panels that do not overlap', () => {
      const panels = dashboard.panels as Obj[];
      expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
      const cells = new Set<string>();
      for (const { gridPos: g } of panels)
        for (let x = g.x; x < g.x + g.w; x++)
          for (let y = g.y; y < g.y + g.h; y++) {
            expect(cells.has(`${x},${y}`)).toBe(false);
            cells.add(`${x},${y}`);
          }
    });

    it('is the same JSON on every render', () => {
      expect(renderedMonitored(name).find((o) => o.kind === 'ConfigMap' && o.metadata.name === `${stack}-dashboard`)!.data[`${stack}.json`]).toBe(text);
    });
  });
});

it('gives a new component its panels, because they follow the rendered workloads', () => {
  const env = resolveEnvironment(monitoredEnvironments.prod!, 'prod');
  const workloads: StackWorkloads = {
    stack: 'wso2',
    deployments: [{ name: 'wso2-traffic-manager', component: 'wso2-traffic-manager', jvmMetrics: true }],
    claims: [],
    routes: [],
  };
  const rows = dashboardRows(env, workloads);
  expect(rows.map((r) => r.title)).toEqual(['wso2-traffic-manager']);
  expect(JSON.parse(dashboardJson(env, 'wso2', rows)).panels.map((p: Obj) => p.title)).toEqual([
    'wso2-traffic-manager',
    'wso2-traffic-manager: pods available',
    'wso2-traffic-manager: container restarts (1h)',
    'wso2-traffic-manager: JVM heap',
    'wso2-traffic-manager: GC time',
  ]);
});
