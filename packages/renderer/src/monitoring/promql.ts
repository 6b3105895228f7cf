import { deploymentPodPattern, envoyRouteClusterPattern } from '@apim-gitops/models';

/** A PromQL label matcher: `=` for an exact value, `=~` for a (fully anchored) regular expression. */
export type Matcher = readonly [label: string, op: '=' | '=~', value: string];

/** A PromQL string literal (double-quoted, with `\` and `"` escaped). */
function literal(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `metric{label="value",…}`. */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${metric}{${matchers.map(([label, op, value]) => `${label}${op}${literal(value)}`).join(',')}}`;
}

/** Series of one namespace. */
export function inNamespace(namespace: string): Matcher {
  return ['namespace', '=', namespace];
}

/** The pods of one Deployment (models' monitoring/facts.ts `deploymentPodPattern`). */
export function podsOf(deployment: string): Matcher {
  return ['pod', '=~', deploymentPodPattern(deployment)];
}

/** The Envoy clusters of one HTTPRoute's rules (models' monitoring/facts.ts `envoyRouteClusterPattern`). */
export function envoyClustersOf(namespace: string, route: string): Matcher {
  return ['envoy_cluster_name', '=~', envoyRouteClusterPattern(namespace, route)];
}

/**
 * A route's request rate and 5xx rate through its entry, as PromQL: ingress-nginx counts requests by
 * Ingress and status code, Envoy Gateway's proxies count upstream responses by route rule and status class.
 */
export function routeRates(
  namespace: string,
  route: { readonly name: string; readonly entry: 'ingress-nginx' | 'envoy-gateway' },
): { all: string; errors: string } {
  if (route.entry === 'ingress-nginx') {
    const matchers: Matcher[] = [inNamespace(namespace), ['ingress', '=', route.name]];
    return {
      all: `sum(rate(${selector('nginx_ingress_controller_requests', matchers)}[5m]))`,
      errors: `sum(rate(${selector('nginx_ingress_controller_requests', [...matchers, ['status', '=~', '5..']])}[5m]))`,
    };
  }
  const clusters = envoyClustersOf(namespace, route.name);
  return {
    all: `sum(rate(${selector('envoy_cluster_upstream_rq_xx', [clusters])}[5m]))`,
    errors: `sum(rate(${selector('envoy_cluster_upstream_rq_xx', [clusters, ['envoy_response_code_class', '=', '5']])}[5m]))`,
  };
}
