import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';
import { renderAdminNodeManager } from './admin-node-manager';
import { renderApiManager } from './api-manager';
import { renderEventsVolume } from './events-volume';
import { renderIngresses } from './ingresses';
import { renderMetricsSchemaJob } from './metrics-schema-job';
import { renderTraffic } from './traffic';

/** Every object of the Axway stack. */
export function renderAxway(env: ResolvedEnvironment): KubeObject[] {
  const ax = env.axway;
  if (!ax) return [];
  const job = renderMetricsSchemaJob(env, ax);
  return [
    renderEventsVolume(ax),
    ...renderAdminNodeManager(env, ax),
    ...renderApiManager(env, ax),
    ...renderTraffic(env, ax),
    ...renderIngresses(env, ax),
    ...(job ?? []),
  ];
}
