import type { EnvironmentSpec } from '@apim-gitops/models';
import dev from '../../../../environments/dev/environment';
import prod from '../../../../environments/prod/environment';
import type { Obj } from '../wso2/rendered';
import { byKind, renderAllPlain } from '../wso2/rendered';

/** Everything on: the agent, the Prometheus Operator's objects and the dashboards. */
export const monitoringOn = {
  jmxExporter: { enabled: true },
  prometheusOperator: { enabled: true },
  grafanaDashboards: { enabled: true },
} as const satisfies EnvironmentSpec['monitoring'];

/**
 * The environments the monitoring is checked on: prod as committed (Gateway API, monitoring on) and dev with
 * the monitoring turned on (ingress-nginx), so that both entries' metrics are read by some rule.
 */
export const monitoredEnvironments: Record<string, EnvironmentSpec> = {
  prod,
  'dev-monitored': { ...dev, monitoring: monitoringOn },
};

/** An environment's objects, rendered once per test file. */
export function renderedMonitored(name: string): Obj[] {
  return renderAllPlain(monitoredEnvironments[name]!);
}

/** The Deployments of the product stacks (every one runs a JVM). */
export function productDeployments(objects: readonly Obj[]): Obj[] {
  return byKind(objects, 'Deployment');
}

/** The containers of a pod template, init containers included. */
export function allContainers(deployment: Obj): Obj[] {
  const spec = deployment.spec.template.spec;
  return [...(spec.initContainers ?? []), ...spec.containers];
}
