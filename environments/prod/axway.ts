import type { AxwaySpec } from '@apim-gitops/models';

/** Axway API Management in this environment: the reference architecture's sizing (3 traffic pods, HPA to 12). */
export const axway: AxwaySpec = {
  images: { gateway: { tag: '7.7.0.20240830-4-BN0145-prod.42' } },
  license: { secretRef: 'axway-license' },
  certificates: { secretRef: 'axway-domain-cert' },
  adminUsers: { secretRef: 'axway-admin-users' },
  // The images' listener certificates are issued by our internal CA for *.apim-prod.svc; the Gateway checks them.
  backendTls: { hostname: 'axway-apim.apim-prod.svc', caCertificate: { secretRef: 'axway-backend-ca' } },
  cassandra: {
    hosts: ['cassandra-1.data.example.org', 'cassandra-2.data.example.org', 'cassandra-3.data.example.org'],
    cidrs: ['10.30.2.0/24'],
    credentials: { secretRef: 'axway-cassandra' },
  },
  metricsDb: {
    host: 'metrics-db.data.example.org',
    cidrs: ['10.30.3.0/24'],
    tls: { ca: { secretRef: 'metrics-db-ca' } },
    credentials: { secretRef: 'axway-metrics-db' },
  },
  events: { storageClass: 'efs-sc' },
  adminNodeManager: { allowedSourceRanges: ['10.20.0.0/16'] },
  apiManager: {
    allowedSourceRanges: ['10.20.0.0/16'],
    // The reference architecture's firewall table: mail through the SMTP relay, sign-in at the IdP.
    smtp: { name: 'smtp-relay', cidrs: ['10.50.0.25/32'], ports: [587] },
    identityProvider: { name: 'idp', cidrs: ['10.50.1.0/24'], ports: [443] },
  },
  traffic: { backends: [{ name: 'internal-apis', cidrs: ['10.40.0.0/16'], ports: [443] }] },
  // Creates the metrics tables before the ANM starts; the prechecks wait for them.
  metricsSchemaJob: { enabled: true },
};
