import type { Options } from 'ajv';
import { dnsEndpointSchema } from './dns-endpoint-crd';

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema is walked by keyword at any depth
type JsonSchema = Record<string, any>;

/**
 * The CRD's schema with unknown fields refused: the API server prunes fields a structural schema does not
 * name, silently (Kubernetes "Structural schema", pruning), so a misspelt `recordTtl` would vanish instead
 * of failing. `metadata` stays open; the API server validates it.
 */
function closed(schema: JsonSchema, key = ''): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: JsonSchema = { ...schema };
  if (copy.properties && key !== 'metadata') {
    copy.properties = Object.fromEntries(Object.entries(copy.properties as JsonSchema).map(([k, v]) => [k, closed(v as JsonSchema, k)]));
    if (copy.additionalProperties === undefined) copy.additionalProperties = false;
  }
  if (copy.items) copy.items = closed(copy.items as JsonSchema);
  return copy;
}

/** What a DNSEndpoint is validated against; `node tools/bin/run.mjs schema` compiles it into dns-endpoint.validate.mjs. */
export const closedDnsEndpointSchema = closed(dnsEndpointSchema);

/** Ajv's options for it. int64 is Kubernetes' format name; Ajv only needs to accept it (recordTTL is an integer either way). */
export const dnsEndpointAjvOptions = { allErrors: true, strict: false, formats: { int64: true } } satisfies Options;
