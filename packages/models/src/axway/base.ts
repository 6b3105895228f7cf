import type { AxwaySpec } from './spec';

/** The Axway part of the base environment: the least a user must write, everything else defaulted. */
export const axwayBaseSpec: AxwaySpec = {};
