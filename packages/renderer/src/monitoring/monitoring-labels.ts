import type { StackId } from '@apim-gitops/models';
import { managedBy, partOf } from '../labels';

/**
 * Recommended labels of a stack-wide monitoring object (a rules ConfigMap, a PrometheusRule, a dashboard),
 * with the labels its consumer selects by (the Prometheus, the Grafana sidecar) underneath: ours win, so a
 * selector label can never rename the object's part-of, which files it into its stack's base.
 */
export function stackMonitoringLabels(stack: StackId, name: string, selected: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...selected,
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': 'monitoring',
    'app.kubernetes.io/part-of': partOf[stack],
    'app.kubernetes.io/managed-by': managedBy,
  };
}
