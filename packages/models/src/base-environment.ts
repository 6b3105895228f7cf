import { axwayBaseSpec } from './axway/base';
import type { EnvironmentSpec } from './environment';
import { wso2BaseSpec } from './wso2/base';

/**
 * The environment the Kustomize bases are rendered from: both stacks with nothing but their
 * defaults and neutral names. Each overlay is the difference between an environment and this one,
 * so a reviewer reads in an overlay exactly what makes that environment special.
 */
export const baseEnvironmentSpec: EnvironmentSpec = {
  name: 'base',
  namespace: 'apim-base',
  domain: 'base.example.org',
  images: { registry: 'registry.example.org/apim', pullSecret: { secretRef: 'registry-pull' } },
  secrets: { provider: 'external-secrets', store: { kind: 'ClusterSecretStore', name: 'apim-secrets' } },
  network: { dataSubnets: ['10.30.0.0/16'] },
  wso2: wso2BaseSpec,
  axway: axwayBaseSpec,
};

/** Where the base environment's definition lives, for messages. */
export const baseEnvironmentSource = 'packages/models/src/base-environment.ts';
