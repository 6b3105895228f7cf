import type { Wso2Spec } from '@apim-gitops/models';

/** WSO2 API Manager in production: Pattern 5 as written, reference sizing, zone spread from the environment. */
export const wso2: Wso2Spec = {
  // Stock images ship no JDBC driver; these tags are our rebuilds with MySQL Connector/J added.
  images: {
    controlPlane: { repository: 'wso2/wso2am', tag: '4.5.0-mysql' },
    keyManager: { repository: 'wso2/wso2am-acp', tag: '4.5.0-mysql' },
    gateway: { repository: 'wso2/wso2am-universal-gw', tag: '4.5.0-mysql' },
  },
  databases: {
    // The MySQL pair's subnet: only the WSO2 pods may reach it, on 3306.
    apim: {
      host: 'mysql.prod.example.org',
      cidrs: ['10.30.1.0/24'],
      // Verified against the MySQL CA (VERIFY_IDENTITY is production's default).
      tls: { ca: { secretRef: 'mysql-ca' } },
      credentials: { secretRef: 'wso2-apim-db' },
    },
    shared: {
      host: 'mysql.prod.example.org',
      cidrs: ['10.30.1.0/24'],
      tls: { ca: { secretRef: 'mysql-ca' } },
      credentials: { secretRef: 'wso2-shared-db' },
    },
  },
  keystores: { secret: { secretRef: 'wso2-keystores' }, internalKeystoreFile: 'wso2internal.jks' },
  // Publisher, Admin and Carbon only from the operators' network; the Developer Portal stays public.
  controlPlane: { adminSourceRanges: ['10.20.0.0/16'] },
  // The keystores' certificate is issued by our internal CA for *.apim-prod.svc; the Gateway checks it.
  backendTls: { hostname: 'wso2-apim.apim-prod.svc', caCertificate: { secretRef: 'wso2-backend-ca' } },
  admin: { secretRef: 'wso2-admin' },
  gateway: {
    autoscaling: { maxReplicas: 6 },
    backends: [{ name: 'internal-apis', cidrs: ['10.40.0.0/16'], ports: [443, 8443] }],
  },
  // Loads the schemas on the first sync; the control plane's prechecks then find them.
  schemaJob: { enabled: true },
};
