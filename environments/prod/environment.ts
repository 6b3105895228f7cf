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
  entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } },
  scheduling: { zoneSpread: 'required' },
  wso2,
  axway,
});
