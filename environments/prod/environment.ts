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
  wso2,
  axway,
});
