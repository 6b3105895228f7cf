import type { Wso2Spec } from '@apim-gitops/models';

/** WSO2 API Manager in this environment. */
export const wso2: Wso2Spec = {};
