import type { ResolvedEnvironment, StackId } from '@apim-gitops/models';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { AlertRule } from './alerts';
import { stackMonitoringLabels } from './monitoring-labels';

/** Name of a stack's PrometheusRule. */
export function prometheusRuleName(stack: StackId): string {
  return `${stack}-alerts`;
}

/** One PrometheusRule per stack with one group of its alerts, labelled for the Prometheus that selects rules. */
export function prometheusRule(env: ResolvedEnvironment, stack: StackId, rules: readonly AlertRule[]): PrometheusRule | undefined {
  const operator = env.monitoring.prometheusOperator;
  if (!operator?.alerts || rules.length === 0) return undefined;
  const name = prometheusRuleName(stack);
  return new PrometheusRule({
    metadata: { name, labels: stackMonitoringLabels(stack, name, operator.selectorLabels) },
    spec: {
      groups: [
        {
          name: `${env.name}-${stack}`,
          rules: rules.map((r) => ({ alert: r.alert, expr: r.expr, for: r.for, labels: { ...r.labels }, annotations: { ...r.annotations } })),
        },
      ],
    },
  });
}
