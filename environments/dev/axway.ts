import type { AxwaySpec } from '@apim-gitops/models';

/** Axway API Management in this environment: one traffic pod, hot deployment from Policy Studio allowed. */
export const axway: AxwaySpec = {
  images: { gateway: { tag: '7.7.0.20240830-4-BN0145-dev.117' } },
  license: { secretRef: 'axway-license' },
  certificates: { secretRef: 'axway-domain-cert' },
  adminUsers: { secretRef: 'axway-admin-users' },
  cassandra: {
    hosts: ['cassandra-1.dev.example.org'],
    cidrs: ['10.130.2.0/24'],
    credentials: { secretRef: 'axway-cassandra' },
  },
  metricsDb: { host: 'metrics-db.dev.example.org', cidrs: ['10.130.3.0/24'], credentials: { secretRef: 'axway-metrics-db' } },
  // A single traffic pod without autoscaling, so every pod can share one node's ReadWriteOnce volume.
  events: { storageClass: 'standard', accessMode: 'ReadWriteOnce' },
  traceLevel: 'DEBUG',
  deploymentEnabled: true,
  traffic: { replicas: 1, autoscaling: { enabled: false }, backends: [{ name: 'dev-apis', cidrs: ['10.140.0.0/16'], ports: [443] }] },
  metricsSchemaJob: { enabled: true },
};
