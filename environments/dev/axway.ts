import type { AxwaySpec } from '@apim-gitops/models';

/** Axway API Management in this environment. */
export const axway: AxwaySpec = {};
