import type { SecretRef } from './secrets';

/** Ingresses for ingress-nginx, on clusters that still run it. */
export interface IngressNginxEntrySpec {
  /**
   * IngressClass every Ingress uses. The annotations rendered are ingress-nginx's.
   * @default "nginx"
   * @format dns-subdomain
   */
  readonly className?: string;
  /**
   * Namespace the ingress controller runs in; NetworkPolicies admit traffic from its pods.
   * @default "ingress-nginx"
   * @format dns-label
   */
  readonly controllerNamespace?: string;
  /**
   * Labels of the ingress controller's pods: only they, not every pod of the controller's namespace,
   * may open connections to the environment (ingress-nginx's chart labels by default).
   * @default { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" }
   */
  readonly controllerPodLabels?: Readonly<Record<string, string>>;
}

/** A Gateway the platform team runs; the environment's HTTPRoutes attach to it from their own namespace. */
export interface AttachedGatewaySpec {
  /** Attach the routes to a Gateway outside the environment. */
  readonly mode: 'attach';
  /**
   * Name of the Gateway.
   * @format dns-subdomain
   */
  readonly name: string;
  /**
   * Namespace of the Gateway. Its listener must admit HTTPRoutes from this environment's namespace
   * (`allowedRoutes.namespaces`), and it terminates TLS with its own certificate.
   * @format dns-label
   */
  readonly namespace: string;
  /**
   * Listener (`spec.listeners[].name`) the routes attach to; leave it out to attach to every listener
   * whose hostname matches a route's host.
   * @format dns-subdomain
   */
  readonly sectionName?: string;
}

/**
 * A Gateway of the environment's own, in its namespace: one HTTPS listener on port 443 per public host,
 * each with the certificate `entry.tls`, so that the listener settings the products need (TLS versions,
 * HTTP/2 off for Axway) can be set per host. No plain-HTTP listener: only HTTPS is served.
 */
export interface RenderedGatewaySpec {
  /** Render the Gateway with the environment. */
  readonly mode: 'render';
  /**
   * Name of the Gateway.
   * @default "apim"
   * @format dns-subdomain
   */
  readonly name?: string;
  /**
   * GatewayClass of the Gateway, as the cluster names the one of its implementation (`eg` in Envoy
   * Gateway's quickstart, whose controllerName is `gateway.envoyproxy.io/gatewayclass-controller`).
   * @default "eg"
   * @format dns-subdomain
   */
  readonly className?: string;
}

/**
 * Which Gateway the HTTPRoutes attach to: the platform's, or one the environment renders.
 * @discriminator mode
 */
export type GatewaySpec = AttachedGatewaySpec | RenderedGatewaySpec;

/**
 * A label value (at most 63 letters, digits, `-`, `_` and `.`, starting and ending alphanumeric).
 * @pattern ^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$
 * @errorMessage is not a label value (at most 63 letters, digits, '-', '_' and '.')
 */
export type LabelValue = string;

/** The gateway's data plane: the proxy pods that open connections to the back ends. */
export interface GatewayDataPlaneSpec {
  /**
   * Namespace the proxy pods run in; NetworkPolicies admit connections from it. Envoy Gateway runs
   * every proxy in its own namespace (`envoy-gateway-system` in its install guide) unless its
   * `provider.kubernetes.deploy.type` is `GatewayNamespace`, which puts them beside their Gateway.
   * @default "envoy-gateway-system"
   * @format dns-label
   */
  readonly namespace?: string;
  /**
   * Labels of the proxy pods; NetworkPolicies admit only pods with all of them. Envoy Gateway labels its
   * proxies `app.kubernetes.io/name: envoy`, `app.kubernetes.io/component: proxy` and
   * `app.kubernetes.io/managed-by: envoy-gateway` (envoyproxy/gateway, proxy Deployment test data);
   * add `gateway.envoyproxy.io/owning-gateway-name` and `-namespace` to admit only the proxies of one Gateway.
   * @default { "app.kubernetes.io/name": "envoy", "app.kubernetes.io/component": "proxy", "app.kubernetes.io/managed-by": "envoy-gateway" }
   * @propertyNames { "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?){0,}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", "errorMessage": "is not a label key" }
   */
  readonly podLabels?: Readonly<Record<string, LabelValue>>;
}

/** `Strict-Transport-Security` on every response, which ingress-nginx adds by default and Gateway API does not. */
export interface HstsSpec {
  /**
   * `max-age` in seconds; ingress-nginx's default `hsts-max-age` is one year. `0` tells browsers to forget the policy.
   * @default 31536000
   * @asType integer
   * @minimum 0
   */
  readonly maxAgeSeconds?: number;
  /**
   * Add `includeSubDomains`, as ingress-nginx does by default (`hsts-include-subdomains`).
   * @default true
   */
  readonly includeSubDomains?: boolean;
}

/** HTTPRoutes on a Gateway, and what the implementation's own objects add to them. */
export interface GatewayApiEntrySpec {
  /**
   * The Gateway API implementation. What Gateway API has no portable field for (listener TLS versions
   * and ALPN, client-address allow-lists) is rendered with its own CRDs. Envoy Gateway is the
   * implementation WSO2 recommends in place of ingress-nginx (helm-apim 4.5.x docs).
   * @default "envoy-gateway"
   */
  readonly implementation?: 'envoy-gateway';
  /**
   * The Gateway the routes attach to.
   * @default { mode: "attach", name: "apim", namespace: "envoy-gateway-system" }
   */
  readonly gateway?: GatewaySpec;
  /**
   * Where the proxy pods run and how they are labelled.
   * @default {}
   */
  readonly dataPlane?: GatewayDataPlaneSpec;
  /**
   * HSTS header on every route.
   * @default {}
   */
  readonly hsts?: HstsSpec;
}

/**
 * How traffic enters the environment.
 * @example { kind: 'gateway-api', tls: { secretRef: 'apim-tls' }, gatewayApi: { gateway: { mode: 'render' } } }
 */
export interface EntrySpec {
  /**
   * `gateway-api`: an HTTPRoute per public host on a Gateway. `ingress-nginx`: an Ingress per host,
   * for clusters that still run it (community ingress-nginx reached end of maintenance on 2026-03-24).
   * `both`: both at once while traffic moves: they serve the same hosts with the same back ends, DNS
   * decides which one clients reach, so moving DNS moves the traffic without downtime.
   * @default "gateway-api"
   */
  readonly kind?: 'gateway-api' | 'ingress-nginx' | 'both';
  /**
   * Certificate for every public host (a `kubernetes.io/tls` Secret, usually a wildcard for `domain`),
   * for the Ingresses and for a Gateway the environment renders. A platform Gateway the routes attach
   * to holds its own certificate: leave it out then.
   */
  readonly tls?: SecretRef;
  /**
   * Gateway API settings, used when `kind` is `gateway-api` or `both`.
   * @default {}
   */
  readonly gatewayApi?: GatewayApiEntrySpec;
  /**
   * ingress-nginx settings, used when `kind` is `ingress-nginx` or `both`.
   * @default {}
   */
  readonly ingressNginx?: IngressNginxEntrySpec;
}

/**
 * A CA bundle (PEM, under the key `ca.crt`) the Gateway checks a back end's certificate with.
 * Exactly one of the two.
 */
export interface CaCertificateRefSpec {
  /**
   * Secret with the key `ca.crt`, filled by the environment's secret backend like every other Secret.
   * @format secret-name
   */
  readonly secretRef?: string;
  /**
   * ConfigMap with the key `ca.crt`, made outside this repository (for example by trust-manager);
   * the kind Gateway API supports in every implementation.
   * @format dns-subdomain
   */
  readonly configMapRef?: string;
}

/**
 * How the Gateway opens TLS to a stack's pods, which serve HTTPS with their own certificate: every back
 * end the routes reach is HTTPS. Needed when `entry` renders Gateway API.
 */
export interface BackendTlsSpec {
  /**
   * Host name the pods' server certificate carries (its CN or a subjectAltName). The Gateway sends it as
   * SNI and requires the certificate to match it.
   * @format dns-subdomain
   */
  readonly hostname: string;
  /** The CA that signed the pods' certificate. */
  readonly caCertificate: CaCertificateRefSpec;
}
