import type { Wso2Spec } from '@apim-gitops/models';

const small = {
  resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } },
  heapMiB: 1024,
};

/** WSO2 API Manager in dev: the Pattern 5 topology with one pod per component and small pods. */
export const wso2: Wso2Spec = {
  // Stock images ship no JDBC driver; these tags are our rebuilds with MySQL Connector/J added.
  images: {
    controlPlane: { repository: 'wso2/wso2am', tag: '4.5.0-mysql' },
    keyManager: { repository: 'wso2/wso2am-acp', tag: '4.5.0-mysql' },
    gateway: { repository: 'wso2/wso2am-universal-gw', tag: '4.5.0-mysql' },
  },
  controlPlane: small,
  keyManager: { ...small, replicas: 1, ingress: true },
  // Dev gateways try APIs wherever they are, the Internet included, but never inside the cluster.
  gateway: { ...small, replicas: 1, autoscaling: { enabled: false }, backends: [{ name: 'any-api', anyAddressOutsideCluster: true, ports: [443, 8443] }] },
  databases: {
    apim: {
      host: 'mysql.dev.example.org',
      cidrs: ['10.130.1.0/24'],
      credentials: { secretRef: 'wso2-apim-db' },
    },
    shared: {
      host: 'mysql.dev.example.org',
      cidrs: ['10.130.1.0/24'],
      credentials: { secretRef: 'wso2-shared-db' },
    },
  },
  keystores: { secret: { secretRef: 'wso2-keystores' } },
  admin: { secretRef: 'wso2-admin' },
  userStore: { properties: { ReadGroups: true } },
  schemaJob: { enabled: true },
};
