import { parser } from '@prometheus-io/lezer-promql';

/** A PromQL expression parsed with Prometheus' own grammar (the one its web UI uses): where it is broken, and the metrics it reads. */
export interface ParsedPromql {
  /** Offsets of the parser's error nodes; the grammar recovers from errors, so an expression is valid only when this is empty. */
  readonly errors: readonly number[];
  /** Names of the metrics its vector and matrix selectors read. */
  readonly metrics: readonly string[];
}

/** Parses one expression. */
export function parsePromql(expr: string): ParsedPromql {
  const errors: number[] = [];
  const metrics: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      // A selector's metric name is the Identifier directly under its VectorSelector.
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') metrics.push(expr.slice(node.from, node.to));
    },
  });
  return { errors, metrics: [...new Set(metrics)] };
}
