import { defineEnvironment } from '@apim-gitops/models';
import { axway } from './axway';
import { wso2 } from './wso2';

export default defineEnvironment({
  name: 'prod',
  domain: 'apim.example.org',
  production: true,
  images: {
    registry: 'registry.example.org/apim',
    pullSecret: { secretRef: 'registry-pull' },
  },
  secrets: {
    provider: 'external-secrets',
    store: { kind: 'ClusterSecretStore', name: 'vault-prod' },
    refreshInterval: '15m',
  },
  // Gateway API on a Gateway of its own, so that its listeners carry TLS 1.2 and, for Axway, HTTP/1.1 only.
  entry: {
    kind: 'gateway-api',
    tls: { secretRef: 'apim-tls' },
    gatewayApi: { gateway: { mode: 'render' } },
  },
  // Every public host is a CNAME of the load balancer in front of the Gateway, made by external-dns.
  dns: { target: 'apim-prod-lb.lb.example.org' },
  scheduling: { zoneSpread: 'required' },
  // Every JVM serves metrics through the JMX exporter agent (images.jmxExporter's default, jmx-exporter:1.6.0
  // in the registry); kube-prometheus-stack scrapes them, evaluates the alerts and loads the dashboards.
  monitoring: {
    jmxExporter: { enabled: true },
    prometheusOperator: { enabled: true },
    grafanaDashboards: { enabled: true },
  },
  network: { clusterCidrs: ['10.0.0.0/14', '172.20.0.0/16'] },
  // JSON on stdout (the default); Axway's file logs (audit, access, open traffic) go to the central Loki.
  logging: {
    shipping: {
      destination: {
        kind: 'loki',
        host: 'loki.logging.example.org',
        port: 443,
        cidrs: ['10.60.0.0/24'],
        tenantId: 'apim-prod',
        auth: { basic: { secretRef: 'log-shipping' } },
        tls: { ca: { secretRef: 'logging-ca' } },
      },
    },
  },
  // Nightly dumps of apim_db, shared_db and the metrics database; the bucket's lifecycle rule keeps 35 days.
  backups: {
    enabled: true,
    retentionDays: 35,
    objectStorage: {
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      bucket: 'apim-backups-prod',
      region: 'eu-central-1',
      // The S3 interface endpoint in the VPC: the job reaches nothing else on 443.
      cidrs: ['10.60.1.0/24'],
      credentials: { secretRef: 'backup-object-storage' },
    },
    image: { repository: 'apim-backup', tag: '8.4-awscli2' },
  },
  wso2,
  axway,
});
