import type { BadInputCase } from '../bad-input-case';
import { boundaryCases } from './boundary-cases';
import { environmentCases } from './environment-cases';
import { stackCases } from './stack-cases';

/** Every case of the bad-input corpus; add a stack's cases file here. */
export const badInputCases: readonly BadInputCase[] = [...environmentCases, ...stackCases, ...boundaryCases];
