import type { BackendTlsSpec, EntrySpec } from './entry';
import type { SecretNeeds } from './secrets';
import { quote } from './spec-error';
import type { FieldChecks } from './field-checks';

/** The Gateway the routes attach to, after defaults. */
export type ResolvedGateway =
  | { readonly mode: 'attach'; readonly name: string; readonly namespace: string; readonly sectionName?: string }
  | { readonly mode: 'render'; readonly name: string; readonly className: string };

/** Gateway API entry after defaults. */
export interface ResolvedGatewayApiEntry {
  readonly implementation: 'envoy-gateway';
  readonly gateway: ResolvedGateway;
  /** Where the proxy pods run, and their labels: the NetworkPolicy peer of every public back end. */
  readonly dataPlane: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> };
  /** Value of the `Strict-Transport-Security` header every route sets. */
  readonly hsts: string;
}

/** ingress-nginx entry after defaults. */
export interface ResolvedIngressNginxEntry {
  readonly className: string;
  readonly controllerNamespace: string;
  /** Labels of the controller's pods, the NetworkPolicy peer of every public back end. */
  readonly controllerPodLabels: Readonly<Record<string, string>>;
}

/** How traffic enters, after defaults: each entry present only when it is rendered. */
export interface ResolvedEntry {
  /** Name of the `kubernetes.io/tls` Secret for every public host, when something here terminates TLS with it. */
  readonly tlsSecret?: string;
  readonly ingressNginx?: ResolvedIngressNginxEntry;
  readonly gatewayApi?: ResolvedGatewayApiEntry;
}

/** Where a CA bundle (key `ca.crt`) comes from. */
export interface ResolvedCaCertificate {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly name: string;
}

/** How the Gateway opens TLS to one stack's pods. */
export interface ResolvedBackendTls {
  readonly hostname: string;
  readonly caCertificate: ResolvedCaCertificate;
}

/** The key of a CA bundle in its Secret or ConfigMap (Gateway API BackendTLSPolicy: "a key named `ca.crt`"). */
export const caCertificateKey = 'ca.crt';

/**
 * One public host, served at `/` by one Service port: what both entries (an Ingress, an HTTPRoute)
 * are rendered from, so that the host, the Service and its port are decided once.
 */
export interface ResolvedPublicRoute {
  /** Name of the route's objects (Ingress, HTTPRoute and, on a rendered Gateway, its listener), e.g. `wso2-gateway-websocket`. */
  readonly name: string;
  readonly host: string;
  /** Id of the component that serves it; its objects carry the component's labels. */
  readonly componentId: string;
  readonly serviceName: string;
  readonly servicePort: number;
  /** Every back end of both stacks serves HTTPS with its own certificate: how the Gateway checks it. Undefined without Gateway API. */
  readonly backendTls?: ResolvedBackendTls;
  /** Name of the cookie that keeps a browser on one pod, where sessions live in one pod. */
  readonly sessionCookie?: string;
  /** Client CIDRs admitted; everyone when undefined. */
  readonly allowedSourceRanges?: readonly string[];
  /** Path prefixes it serves; `/` when undefined. A route for some paths of a host shares that host's listener. */
  readonly paths?: readonly string[];
  /** Name of the route that owns the host's listener, when this one serves only some paths of that host. */
  readonly listenerOf?: string;
  /** Clients must use HTTP/1.1: HTTP/2 is off towards them. */
  readonly http1Only: boolean;
  /** Seconds the entry waits for the back end's whole response; `0` for none (WebSocket connections). */
  readonly requestTimeoutSeconds: number;
  /** Seconds a connection may stay without traffic before the entry closes it, where it must be longer than the default. */
  readonly idleTimeoutSeconds?: number;
}

/** ingress-nginx's default `proxy-read-timeout` (seconds), which every route keeps unless it needs another. */
export const defaultRequestTimeoutSeconds = 60;

function hstsValue(maxAgeSeconds: number, includeSubDomains: boolean): string {
  return `max-age=${maxAgeSeconds}${includeSubDomains ? '; includeSubDomains' : ''}`;
}

/**
 * The entry of a schema-validated spec (every @default applied) with the rules that relate its fields:
 * a certificate exactly where something of the environment terminates TLS.
 */
export function resolveEntry(checks: FieldChecks, secrets: SecretNeeds, spec: EntrySpec): ResolvedEntry {
  const path = 'entry';
  const kind = spec.kind!;
  const nginx = kind === 'ingress-nginx' || kind === 'both' ? spec.ingressNginx! : undefined;
  const api = kind === 'gateway-api' || kind === 'both' ? spec.gatewayApi! : undefined;
  let gatewayApi: ResolvedGatewayApiEntry | undefined;
  if (api) {
    const g = api.gateway!;
    const gateway: ResolvedGateway =
      g.mode === 'attach'
        ? { mode: 'attach', name: g.name, namespace: g.namespace, ...(g.sectionName === undefined ? {} : { sectionName: g.sectionName }) }
        : { mode: 'render', name: g.name!, className: g.className! };
    const dataPlane = api.dataPlane!;
    const hsts = api.hsts!;
    gatewayApi = {
      implementation: api.implementation!,
      gateway,
      dataPlane: { namespace: dataPlane.namespace!, podLabels: { ...dataPlane.podLabels! } },
      hsts: hstsValue(hsts.maxAgeSeconds!, hsts.includeSubDomains!),
    };
  }
  const terminators = [...(nginx ? ['ingress'] : []), ...(gatewayApi?.gateway.mode === 'render' ? ['gateway'] : [])];
  let tlsSecret: string | undefined;
  if (terminators.length === 0 && spec.tls !== undefined && gatewayApi?.gateway.mode === 'attach') {
    const { namespace, name } = gatewayApi.gateway;
    checks.issues.add(
      `${path}.tls`,
      `is not used: the platform Gateway ${quote(`${namespace}/${name}`)} terminates TLS with its own certificate; leave it out, or render the Gateway (entry.gatewayApi.gateway: { mode: "render" })`,
    );
  } else if (terminators.length > 0 && spec.tls === undefined) {
    const who = terminators.map((t) => (t === 'ingress' ? 'the Ingresses' : "the environment's Gateway")).join(' and ');
    const verb = terminators.length === 1 && terminators[0] === 'gateway' ? 'terminates' : 'terminate';
    checks.issues.add(
      `${path}.tls`,
      `is required: ${who} ${verb} TLS for every public host with it; name a kubernetes.io/tls Secret, e.g. { secretRef: "apim-tls" }`,
    );
  } else {
    for (const reader of terminators) tlsSecret = secrets.use(`${path}.tls`, spec.tls, reader, ['tls.crt', 'tls.key'], 'kubernetes.io/tls') ?? '';
  }
  return {
    ...(tlsSecret === undefined ? {} : { tlsSecret }),
    ...(nginx
      ? {
          ingressNginx: {
            className: nginx.className!,
            controllerNamespace: nginx.controllerNamespace!,
            controllerPodLabels: { ...nginx.controllerPodLabels! },
          },
        }
      : {}),
    ...(gatewayApi ? { gatewayApi } : {}),
  };
}

/**
 * A stack's back-end TLS, needed only when Gateway API is rendered: the Gateway must know which CA signed
 * the pods' certificates and which host name they carry. A CA in a Secret becomes one of the
 * environment's Secrets; the Gateway reads it.
 */
export function resolveBackendTls(
  context: { readonly env: { readonly entry: ResolvedEntry }; readonly checks: FieldChecks; readonly secrets: SecretNeeds },
  path: string,
  spec: BackendTlsSpec | undefined,
): ResolvedBackendTls | undefined {
  if (!context.env.entry.gatewayApi) return undefined;
  if (spec === undefined) {
    context.checks.issues.add(
      path,
      'is required with Gateway API: every back end serves HTTPS with its own certificate, so the Gateway needs the host name it carries and its CA, e.g. { hostname: "…", caCertificate: { secretRef: "…" } }',
    );
    return undefined;
  }
  const { secretRef, configMapRef } = spec.caCertificate;
  if ((secretRef === undefined) === (configMapRef === undefined)) {
    context.checks.issues.add(
      `${path}.caCertificate`,
      `must name exactly one of secretRef and configMapRef (got ${secretRef === undefined ? 'neither' : 'both'})`,
    );
    return undefined;
  }
  if (secretRef !== undefined) context.secrets.use(`${path}.caCertificate`, { secretRef }, 'gateway', [caCertificateKey]);
  return {
    hostname: spec.hostname,
    caCertificate: secretRef !== undefined ? { kind: 'Secret', name: secretRef } : { kind: 'ConfigMap', name: configMapRef! },
  };
}
