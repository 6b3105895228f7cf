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
  scheduling: { zoneSpread: 'none' },
  wso2,
  axway,
});
