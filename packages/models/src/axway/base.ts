import type { AxwaySpec } from './spec';

/** The Axway part of the base environment: the least a user must write, everything else defaulted. */
export const axwayBaseSpec: AxwaySpec = {
  images: { gateway: { tag: '7.7.0.20240830-4-BN0145-ubi9' } },
  license: { secretRef: 'axway-license' },
  certificates: { secretRef: 'axway-domain-cert' },
  adminUsers: { secretRef: 'axway-admin-users' },
  backendTls: { hostname: 'axway-apim.base.example.org', caCertificate: { secretRef: 'axway-backend-ca' } },
  cassandra: {
    hosts: ['cassandra-1.base.example.org', 'cassandra-2.base.example.org', 'cassandra-3.base.example.org'],
    credentials: { secretRef: 'axway-cassandra' },
  },
  metricsDb: { host: 'metrics-db.base.example.org', credentials: { secretRef: 'axway-metrics-db' } },
  traffic: { backends: [{ name: 'api-backends', cidrs: ['10.40.0.0/16'], ports: [443] }] },
};
