import type { ResolvedEnvironment, StackId } from '@apim-gitops/models';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { Json } from '../kube-object';
import { stackMonitoringLabels } from './monitoring-labels';
import { inNamespace, podsOf, routeRates, selector } from './promql';
import type { StackWorkloads, WatchedDeployment, WatchedRoute } from './stack-workloads';

/** One query of a panel and the legend of its series. */
export interface PanelQuery {
  readonly expr: string;
  readonly legend: string;
}

/** A time-series panel, before layout. */
export interface PanelSpec {
  readonly title: string;
  /** Grafana unit of the values (`short`, `bytes`, `s`, `reqps`, `percentunit`). */
  readonly unit: string;
  readonly queries: readonly PanelQuery[];
}

/** A row of panels: one per Deployment, and one for the stack's claims. */
export interface PanelRow {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

const stackTitles: Readonly<Record<StackId, string>> = { wso2: 'WSO2 API Manager', axway: 'Axway API Management' };

/** Name of a stack's dashboard ConfigMap. */
export function dashboardConfigMapName(stack: StackId): string {
  return `${stack}-dashboard`;
}

function routePanel(ns: string, route: WatchedRoute): PanelSpec {
  const rates = routeRates(ns, route);
  return {
    title: `${route.name}: requests and 5xx (${route.entry})`,
    unit: 'reqps',
    queries: [
      { expr: rates.all, legend: 'all' },
      { expr: rates.errors, legend: '5xx' },
    ],
  };
}

function deploymentRow(ns: string, d: WatchedDeployment, routes: readonly WatchedRoute[]): PanelRow {
  const deployment = [inNamespace(ns), ['deployment', '=', d.name]] as const;
  const pods = [inNamespace(ns), podsOf(d.name)] as const;
  const heap = [...pods, ['area', '=', 'heap']] as const;
  const panels: PanelSpec[] = [
    {
      title: `${d.name}: pods available`,
      unit: 'short',
      queries: [
        { expr: selector('kube_deployment_status_replicas_available', deployment), legend: 'available' },
        { expr: selector('kube_deployment_spec_replicas', deployment), legend: 'desired' },
      ],
    },
    {
      title: `${d.name}: container restarts (1h)`,
      unit: 'short',
      queries: [{ expr: `sum by (pod) (increase(${selector('kube_pod_container_status_restarts_total', pods)}[1h]))`, legend: '{{pod}}' }],
    },
  ];
  if (d.jvmMetrics)
    panels.push(
      {
        title: `${d.name}: JVM heap`,
        unit: 'bytes',
        queries: [
          { expr: selector('jvm_memory_used_bytes', heap), legend: '{{pod}} used' },
          { expr: selector('jvm_memory_max_bytes', heap), legend: '{{pod}} max' },
        ],
      },
      {
        title: `${d.name}: GC time`,
        unit: 's',
        queries: [{ expr: `rate(${selector('jvm_gc_collection_seconds_sum', pods)}[5m])`, legend: '{{pod}} {{gc}}' }],
      },
    );
  if (d.autoscaler) {
    const hpa = [inNamespace(ns), ['horizontalpodautoscaler', '=', d.autoscaler]] as const;
    panels.push({
      title: `${d.name}: replicas and autoscaler bounds`,
      unit: 'short',
      queries: [
        { expr: selector('kube_horizontalpodautoscaler_status_current_replicas', hpa), legend: 'current' },
        { expr: selector('kube_horizontalpodautoscaler_spec_min_replicas', hpa), legend: 'minimum' },
        { expr: selector('kube_horizontalpodautoscaler_spec_max_replicas', hpa), legend: 'maximum' },
      ],
    });
  }
  panels.push(...routes.filter((r) => r.component === d.component).map((r) => routePanel(ns, r)));
  return { title: d.name, panels };
}

/**
 * The rows of a stack's dashboard, from the same workloads as its alerts: a row per Deployment (pods,
 * restarts, heap and GC where the JMX exporter runs, autoscaler bounds where one scales it, request and 5xx
 * rates of the routes to its component) and a row with the free space of the stack's claims.
 */
export function dashboardRows(env: ResolvedEnvironment, workloads: StackWorkloads): PanelRow[] {
  const ns = env.namespace;
  const rows = workloads.deployments.map((d) => deploymentRow(ns, d, workloads.routes));
  if (workloads.claims.length > 0)
    rows.push({
      title: 'volumes',
      panels: workloads.claims.map((claim) => {
        const volume = [inNamespace(ns), ['persistentvolumeclaim', '=', claim]] as const;
        return {
          title: `${claim}: free space`,
          unit: 'percentunit',
          queries: [
            {
              expr: `${selector('kubelet_volume_stats_available_bytes', volume)} / ${selector('kubelet_volume_stats_capacity_bytes', volume)}`,
              legend: 'free',
            },
          ],
        };
      }),
    });
  return rows;
}

const panelWidth = 8;
const panelHeight = 8;
const perLine = 24 / panelWidth;

/**
 * The Grafana dashboard JSON: rows laid out top to bottom, three panels a line, every panel on the
 * dashboard's Prometheus data source variable. Built in a fixed key order and serialised with fixed
 * indentation, so the same rows always give the same bytes.
 */
export function dashboardJson(env: ResolvedEnvironment, stack: StackId, rows: readonly PanelRow[]): string {
  const panels: Json[] = [];
  let y = 0;
  let id = 1;
  const datasource = { type: 'prometheus', uid: '${datasource}' };
  for (const row of rows) {
    panels.push({ id: id++, type: 'row', title: row.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
    y += 1;
    row.panels.forEach((panel, i) => {
      panels.push({
        id: id++,
        type: 'timeseries',
        title: panel.title,
        datasource,
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
        gridPos: { h: panelHeight, w: panelWidth, x: (i % perLine) * panelWidth, y: y + Math.floor(i / perLine) * panelHeight },
        targets: panel.queries.map((q, j) => ({ refId: String.fromCharCode(65 + j), datasource, expr: q.expr, legendFormat: q.legend })),
      });
    });
    y += Math.ceil(row.panels.length / perLine) * panelHeight;
  }
  const dashboard: Json = {
    uid: `apim-${env.name}-${stack}`,
    title: `APIM ${env.name}: ${stackTitles[stack]}`,
    tags: ['apim-gitops', stack, env.name],
    editable: false,
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    templating: { list: [{ name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus' }] },
    panels,
  };
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/** A stack's dashboard as a ConfigMap the Grafana sidecar loads (`monitoring.grafanaDashboards.labels`). */
export function dashboardConfigMap(env: ResolvedEnvironment, workloads: StackWorkloads): ConfigMap | undefined {
  const dashboards = env.monitoring.dashboards;
  if (!dashboards || workloads.deployments.length === 0) return undefined;
  const name = dashboardConfigMapName(workloads.stack);
  return new ConfigMap({
    metadata: { name, labels: stackMonitoringLabels(workloads.stack, name, dashboards.labels) },
    data: { [`${workloads.stack}.json`]: dashboardJson(env, workloads.stack, dashboardRows(env, workloads)) },
  });
}
