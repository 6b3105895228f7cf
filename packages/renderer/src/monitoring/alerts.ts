import type { ResolvedEnvironment } from '@apim-gitops/models';
import { inNamespace, podsOf, routeRates, selector } from './promql';
import type { StackWorkloads } from './stack-workloads';

/** One Prometheus alerting rule, as a PrometheusRule's `groups[].rules[]` holds it. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook: string };
}

/** Where the runbook of every alert lives: one section per alert name. */
export const runbookDocument = 'docs/runbooks/alerts.md';

/** The alerts, with their severity. Each has a section of that name in {@link runbookDocument}. */
export const alertSeverities = {
  ApimComponentDown: 'critical',
  ApimComponentDegraded: 'warning',
  ApimRestartLoop: 'warning',
  ApimJvmHeapNearLimit: 'warning',
  ApimMetricsDown: 'warning',
  ApimAutoscalerAtMaximum: 'warning',
  ApimVolumeFillingUp: 'warning',
  ApimRoute5xxRate: 'critical',
  ApimCertificateExpiring: 'warning',
} as const;

/** Name of an alert. */
export type AlertName = keyof typeof alertSeverities;

/** The thresholds, in one place. */
export const alertThresholds = {
  /** Restarts within 30 minutes that make a restart loop (a single restart after an OOM kill is not one). */
  restartsIn30m: 2,
  /** Heap in use over the heap maximum (`-Xmx`, `EMT_HEAP_SIZE_MB`) after the collector has had 15 minutes. */
  heapRatio: 0.9,
  /** Free space of a claim below which it is filling up. */
  freeVolumeRatio: 0.15,
  /** Share of a route's responses that are 5xx. */
  errorRatio: 0.05,
  /** Days before a certificate's expiry that the alert starts. */
  certificateDays: 14,
} as const;

function anchor(alert: AlertName): string {
  return `${runbookDocument}#${alert.toLowerCase()}`;
}

/**
 * The alerts of one stack, derived from its workloads (the objects the renderer made for it), so a new
 * component's Deployment, autoscaler, claim and routes get theirs. Every series is limited to the
 * environment's namespace: the metrics of kube-state-metrics and the kubelet carry the object's namespace,
 * the pods' their own, ingress-nginx the Ingress's, and Envoy the route's inside the cluster name.
 */
export function stackAlerts(env: ResolvedEnvironment, workloads: StackWorkloads): AlertRule[] {
  const ns = env.namespace;
  const rules: AlertRule[] = [];
  const add = (
    alert: AlertName,
    target: { component: string; [label: string]: string },
    expr: string,
    forDuration: string,
    summary: string,
    description: string,
  ) =>
    rules.push({
      alert,
      expr,
      for: forDuration,
      labels: { severity: alertSeverities[alert], environment: env.name, stack: workloads.stack, ...target },
      annotations: { summary, description, runbook: anchor(alert) },
    });

  for (const d of workloads.deployments) {
    const deployment = [inNamespace(ns), ['deployment', '=', d.name]] as const;
    const available = selector('kube_deployment_status_replicas_available', deployment);
    const desired = selector('kube_deployment_spec_replicas', deployment);
    const target = { component: d.component, deployment: d.name };
    add(
      'ApimComponentDown',
      target,
      `${available} == 0 and ${desired} > 0`,
      '5m',
      `${d.name} in ${ns} has no available pod`,
      `Deployment ${d.name} (${workloads.stack}) has had no available pod for 5 minutes although its spec asks for some; what it serves is down.`,
    );
    add(
      'ApimComponentDegraded',
      target,
      `${available} < ${desired}`,
      '15m',
      `${d.name} in ${ns} runs fewer ready pods than it should`,
      `Deployment ${d.name} (${workloads.stack}) has had fewer available pods than its spec for 15 minutes (available: {{ $value }}).`,
    );
    const restarts = selector('kube_pod_container_status_restarts_total', [inNamespace(ns), podsOf(d.name)]);
    add(
      'ApimRestartLoop',
      target,
      `increase(${restarts}[30m]) > ${alertThresholds.restartsIn30m}`,
      '5m',
      `A container of ${d.name} in ${ns} keeps restarting`,
      `Container {{ $labels.container }} of pod {{ $labels.pod }} restarted {{ $value | humanize }} times in 30 minutes.`,
    );
    if (d.jvmMetrics) {
      const heap = [inNamespace(ns), podsOf(d.name), ['area', '=', 'heap']] as const;
      add(
        'ApimJvmHeapNearLimit',
        target,
        `${selector('jvm_memory_used_bytes', heap)} / ${selector('jvm_memory_max_bytes', heap)} > ${alertThresholds.heapRatio}`,
        '15m',
        `A pod of ${d.name} in ${ns} has nearly filled its JVM heap`,
        `Pod {{ $labels.pod }} has used more than ${alertThresholds.heapRatio * 100}% of its maximum heap for 15 minutes ({{ $value | humanizePercentage }}); it is close to OutOfMemoryError or long GC pauses.`,
      );
      add(
        'ApimMetricsDown',
        target,
        `${selector('up', [inNamespace(ns), podsOf(d.name)])} == 0`,
        '10m',
        `Prometheus cannot scrape ${d.name} in ${ns}`,
        `The JMX exporter of pod {{ $labels.pod }} has not answered for 10 minutes: its alerts on the heap cannot fire.`,
      );
    }
    if (d.autoscaler) {
      const hpa = [inNamespace(ns), ['horizontalpodautoscaler', '=', d.autoscaler]] as const;
      add(
        'ApimAutoscalerAtMaximum',
        { component: d.component, horizontalpodautoscaler: d.autoscaler },
        `${selector('kube_horizontalpodautoscaler_status_current_replicas', hpa)} >= ${selector('kube_horizontalpodautoscaler_spec_max_replicas', hpa)}`,
        '15m',
        `${d.autoscaler} in ${ns} has run at its maximum for 15 minutes`,
        `The autoscaler of ${d.name} runs {{ $value }} pods, its maximum, and cannot add more when the load grows.`,
      );
    }
  }
  for (const claim of workloads.claims) {
    const volume = [inNamespace(ns), ['persistentvolumeclaim', '=', claim]] as const;
    add(
      'ApimVolumeFillingUp',
      { component: claim, persistentvolumeclaim: claim },
      `${selector('kubelet_volume_stats_available_bytes', volume)} / ${selector('kubelet_volume_stats_capacity_bytes', volume)} < ${alertThresholds.freeVolumeRatio}`,
      '10m',
      `Claim ${claim} in ${ns} is almost full`,
      `Less than ${alertThresholds.freeVolumeRatio * 100}% of ${claim} is free ({{ $value | humanizePercentage }}).`,
    );
  }
  for (const route of workloads.routes) {
    const rates = routeRates(ns, route);
    add(
      'ApimRoute5xxRate',
      { component: route.component, route: route.name, entry: route.entry },
      `(${rates.errors} / ${rates.all}) > ${alertThresholds.errorRatio}`,
      '10m',
      `More than ${alertThresholds.errorRatio * 100}% of the responses on ${route.name} in ${ns} are 5xx`,
      `{{ $value | humanizePercentage }} of the requests through ${route.entry} to ${route.name} have answered 5xx for 10 minutes.`,
    );
  }
  const secrets = [...new Set(workloads.routes.flatMap((r) => r.tlsSecrets))].sort();
  for (const secret of secrets)
    add(
      'ApimCertificateExpiring',
      { component: secret, certificate: secret },
      `min(${selector('nginx_ingress_controller_ssl_expire_time_seconds', [inNamespace(ns), ['secret_name', '=', secret]])}) - time() < ${alertThresholds.certificateDays} * 86400`,
      '1h',
      `The certificate in Secret ${secret} in ${ns} expires within ${alertThresholds.certificateDays} days`,
      `ingress-nginx serves the certificate of ${secret}, which expires in {{ $value | humanizeDuration }}.`,
    );
  return rules;
}
