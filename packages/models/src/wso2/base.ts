import type { Wso2Spec } from './spec';

/**
 * The WSO2 part of the base environment: the least a user must write (database hosts and the
 * Secret references), everything else defaulted. The Secret names are the conventional ones every
 * environment uses, so overlays never patch them.
 */
export const wso2BaseSpec: Wso2Spec = {
  databases: {
    apim: { host: 'mysql.base.example.org', credentials: { secretRef: 'wso2-apim-db' } },
    shared: { host: 'mysql.base.example.org', credentials: { secretRef: 'wso2-shared-db' } },
  },
  keystores: { secret: { secretRef: 'wso2-keystores' } },
  admin: { secretRef: 'wso2-admin' },
  gateway: { backends: [{ name: 'api-backends', cidrs: ['10.40.0.0/16'], ports: [443] }] },
  backendTls: { hostname: 'wso2-apim.base.example.org', caCertificate: { secretRef: 'wso2-backend-ca' } },
};
