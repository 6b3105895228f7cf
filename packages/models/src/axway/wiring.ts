import type { ExternalConnection, ResolvedComponent } from '../component';

// Ports and the health path are product facts (facts.ts); the wiring reads them from there.
import { axwayPorts } from './facts';

/** Component ids, which are also the base names of their objects. */
export const axwayIds = {
  metricsSchema: 'axway-metrics-schema',
  adminNodeManager: 'axway-anm',
  apiManager: 'axway-api-manager',
  traffic: 'axway-traffic',
} as const;

/** Service names; `EMT_ANM_HOSTS` and the prechecks name them, so they are short and fixed. */
export const axwayServices = {
  adminNodeManager: 'anm',
  apiManager: 'apimgr',
  traffic: 'traffic',
} as const;

/** The in-cluster `host:port` gateways register with (`EMT_ANM_HOSTS`). */
export const anmHosts = `${axwayServices.adminNodeManager}:${axwayPorts.adminNodeManager}`;

/**
 * The metrics schema Job's place in the environment, when it is switched on: it reaches only the
 * metrics database, and the ANM waits for it (so it syncs in an earlier wave).
 */
export function metricsSchemaComponent(metricsDb: ExternalConnection): ResolvedComponent {
  return {
    id: axwayIds.metricsSchema,
    stack: 'axway',
    component: 'metrics-schema',
    app: 'axway-apim-anm',
    serviceName: axwayIds.metricsSchema,
    dependsOn: [],
    connects: [],
    external: [metricsDb],
    ingressPorts: [],
    metricsPorts: [],
  };
}

/** The Admin Node Manager's place in the environment. */
export function adminNodeManagerComponent(metricsDb: ExternalConnection, withSchemaJob = false): ResolvedComponent {
  return {
    id: axwayIds.adminNodeManager,
    stack: 'axway',
    component: 'admin-node-manager',
    app: 'axway-apim-anm',
    serviceName: axwayServices.adminNodeManager,
    dependsOn: withSchemaJob ? [axwayIds.metricsSchema] : [],
    // The ANM polls each registered gateway pod on its management port.
    connects: [
      { to: axwayIds.apiManager, port: axwayPorts.management },
      { to: axwayIds.traffic, port: axwayPorts.management },
    ],
    external: [metricsDb],
    ingressPorts: [axwayPorts.adminNodeManager],
    metricsPorts: [],
  };
}

/** The API Manager UI's place in the environment. */
export function apiManagerComponent(cassandra: readonly ExternalConnection[], metricsDb: ExternalConnection): ResolvedComponent {
  return {
    id: axwayIds.apiManager,
    stack: 'axway',
    component: 'api-manager',
    app: 'axway-apim-gateway',
    serviceName: axwayServices.apiManager,
    dependsOn: [axwayIds.adminNodeManager],
    connects: [{ to: axwayIds.adminNodeManager, port: axwayPorts.adminNodeManager }],
    external: [...cassandra, metricsDb],
    ingressPorts: [axwayPorts.apiManager],
    metricsPorts: [],
  };
}

/** The traffic gateways' place in the environment. */
export function trafficComponent(cassandra: readonly ExternalConnection[], metricsDb: ExternalConnection): ResolvedComponent {
  return {
    id: axwayIds.traffic,
    stack: 'axway',
    component: 'traffic',
    app: 'axway-apim-gateway',
    serviceName: axwayServices.traffic,
    dependsOn: [axwayIds.adminNodeManager, axwayIds.apiManager],
    connects: [
      { to: axwayIds.adminNodeManager, port: axwayPorts.adminNodeManager },
      { to: axwayIds.apiManager, port: axwayPorts.apiManager },
    ],
    external: [...cassandra, metricsDb],
    ingressPorts: [axwayPorts.traffic],
    metricsPorts: [],
  };
}
