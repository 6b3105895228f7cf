/** Axway API Management in EMT mode. Filled in by the Axway stack. */
export interface AxwaySpec {
  readonly [field: string]: unknown;
}
