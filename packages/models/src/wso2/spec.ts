/** WSO2 API Manager 4.5 Pattern 5. Filled in by the WSO2 stack. */
export interface Wso2Spec {
  readonly [field: string]: unknown;
}
