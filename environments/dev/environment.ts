import { defineEnvironment } from '@apim-gitops/models';
import { axway } from './axway';
import { wso2 } from './wso2';

export default defineEnvironment({
  name: 'dev',
  domain: 'dev.apim.example.org',
  images: {
    registry: 'registry.example.org/apim',
    pullSecret: { secretRef: 'registry-pull' },
  },
  secrets: {
    provider: 'external-secrets',
    store: { kind: 'ClusterSecretStore', name: 'vault-dev' },
  },
  entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } },
  // The ingress controller's load balancer address: every public host is an A record of it.
  dns: { target: '192.0.2.10', ttl: 60 },
  scheduling: { zoneSpread: 'none' },
  // The dev cluster's pod and Service CIDRs; each data store gives its own subnet (wso2.ts, axway.ts).
  network: { clusterCidrs: ['10.244.0.0/16', '10.96.0.0/12'] },
  wso2,
  axway,
});
