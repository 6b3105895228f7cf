import type { ResolvedEnvironment, StackId } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';
import { stackAlerts } from './alerts';
import { dashboardConfigMap } from './dashboards';
import { jmxExporterConfigMap } from './jmx-exporter';
import { podMonitor } from './pod-monitors';
import { prometheusRule } from './prometheus-rule';
import { stackWorkloads } from './stack-workloads';

/**
 * The monitoring objects of an environment, from the objects its stacks rendered: per stack the JMX
 * exporter's rules ConfigMap (with the agent on), a PodMonitor per component that serves metrics, a
 * PrometheusRule with the stack's alerts (with the Prometheus Operator on) and a Grafana dashboard (with
 * dashboards on). Whatever is off renders nothing.
 */
export function renderMonitoring(env: ResolvedEnvironment, stackObjects: readonly KubeObject[]): KubeObject[] {
  const stacks: StackId[] = [...(env.wso2 ? (['wso2'] as const) : []), ...(env.axway ? (['axway'] as const) : [])];
  const objects: KubeObject[] = [];
  for (const stack of stacks) {
    const workloads = stackWorkloads(stack, stackObjects);
    if (env.monitoring.jmxExporter) objects.push(jmxExporterConfigMap(stack));
    for (const component of env.components.filter((c) => c.stack === stack)) {
      const monitor = podMonitor(env, component);
      if (monitor) objects.push(monitor);
    }
    const rule = prometheusRule(env, stack, stackAlerts(env, workloads));
    if (rule) objects.push(rule);
    const dashboard = dashboardConfigMap(env, workloads);
    if (dashboard) objects.push(dashboard);
  }
  return objects;
}
