import Ajv from 'ajv';
import type { CodeOptions } from 'ajv';
import { specFormats } from './spec-formats';

/**
 * The Ajv every spec schema is compiled with. `node tools/bin/run.mjs schema` compiles the committed
 * schemas with it into standalone modules (`packages/models/schema/*.validate.mjs`, which the models
 * validate with, so no CLI process loads Ajv's compiler); a test that validates a schema of its own
 * compiles it here. One set of options for both, so both give the same errors.
 */
export function specAjv(code?: CodeOptions): Ajv {
  return new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: false,
    discriminator: true,
    verbose: true,
    formats: specFormats,
    // The validator reads @errorMessage itself; Ajv only has to accept it.
    keywords: [{ keyword: 'errorMessage', schemaType: 'string' }],
    ...(code ? { code } : {}),
  });
}
