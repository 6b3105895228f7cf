import type { Wso2Spec } from './spec';

/** The WSO2 part of the base environment: the least a user must write, everything else defaulted. */
export const wso2BaseSpec: Wso2Spec = {};
