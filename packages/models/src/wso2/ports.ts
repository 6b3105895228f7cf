/**
 * The fixed container ports of WSO2 API Manager 4.5 (port offset 0). Services use the same numbers
 * (`targetPort = port`), so one table serves containers, Services, URLs and NetworkPolicies.
 * @see https://apim.docs.wso2.com/en/4.7.0/reference/default-product-ports/ (the same table since 4.2)
 */
export const wso2Ports = {
  /** UIs, REST APIs, `/services/` admin services, OAuth2 and JWKS. */
  servletHttps: 9443,
  /** Plain management HTTP; the liveness probe reads `/services/Version` here. */
  servletHttp: 9763,
  /** API traffic over HTTPS (pass-through). */
  passThroughHttps: 8243,
  /** API traffic over HTTP. */
  passThroughHttp: 8280,
  /** WebSocket APIs over TLS. */
  webSocketSecure: 8099,
  /** WebSocket APIs, plain. */
  webSocket: 9099,
  /** WebSub/streaming receiver over TLS. */
  webSubHttps: 8021,
  /** WebSub/streaming receiver, plain. */
  webSub: 9021,
  /** Event hub and throttle-decision broker (AMQP) on the control plane. */
  jms: 5672,
  /** Traffic-manager data receiver, Thrift over TCP. */
  binary: 9611,
  /** Traffic-manager data receiver, Thrift over SSL. */
  binarySsl: 9711,
} as const;

/** Name of a WSO2 port. */
export type Wso2PortName = keyof typeof wso2Ports;

/** Container port names (IANA service names, at most 15 characters) as the reference sheet gives them. */
export const wso2PortNames: Readonly<Record<Wso2PortName, string>> = {
  servletHttps: 'servlet-https',
  servletHttp: 'servlet-http',
  passThroughHttps: 'pt-https',
  passThroughHttp: 'pt-http',
  webSocketSecure: 'wss',
  webSocket: 'ws',
  webSubHttps: 'websub-https',
  webSub: 'websub',
  jms: 'jms',
  binary: 'binary',
  binarySsl: 'binary-ssl',
};

/** Ports each component's Service exposes (the reference's "Services" table). */
export const wso2ServicePorts = {
  controlPlane: ['servletHttps', 'passThroughHttps', 'passThroughHttp', 'webSocketSecure', 'webSocket', 'webSubHttps', 'webSub', 'jms', 'binary', 'binarySsl'],
  keyManager: ['servletHttps', 'servletHttp'],
  gateway: ['servletHttps', 'servletHttp', 'passThroughHttps', 'passThroughHttp', 'webSocketSecure', 'webSocket', 'webSubHttps', 'webSub'],
} as const satisfies Record<string, readonly Wso2PortName[]>;

/**
 * Ports each component's container declares: every port its Service targets, plus 9763 for the
 * liveness probe (the control plane's Service leaves 9763 out, its container still serves it).
 */
export const wso2ContainerPorts = {
  controlPlane: ['servletHttps', 'servletHttp', ...wso2ServicePorts.controlPlane.slice(1)],
  keyManager: [...wso2ServicePorts.keyManager],
  gateway: [...wso2ServicePorts.gateway],
} as const satisfies Record<string, readonly Wso2PortName[]>;
