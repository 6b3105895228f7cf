import { deriveEnvironment } from '@apim-gitops/models';
import prod from '../prod/environment';
import { regionOverrides, standbyOverrides } from './overrides';

/**
 * Failover, step 3 of docs/runbooks/disaster-recovery.md: set to true once the MySQL replicas are
 * promoted, so WSO2 starts here; failback sets it back to false.
 */
export const serving = false;

// Production's warm standby in eu-west: prod with only what belongs to the region changed (overrides.ts).
export default deriveEnvironment(prod, serving ? regionOverrides : { ...regionOverrides, ...standbyOverrides });
