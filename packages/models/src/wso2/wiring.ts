import type { InClusterConnection } from '../component';
import { wso2Ports } from './facts';

/** Ids of the three Pattern 5 components; also the base name of their objects. */
export const wso2ComponentIds = {
  controlPlane: 'wso2-control-plane',
  keyManager: 'wso2-key-manager',
  gateway: 'wso2-gateway',
} as const;

/** One of the three components. */
export type Wso2Role = keyof typeof wso2ComponentIds;

/** Every in-cluster URL the deployment.toml files use, decided once from the Service names. */
export interface Wso2Wiring {
  /** `[apim.key_manager] service_url` of the control plane and gateways: the key manager admin services. */
  readonly keyManagerServiceUrl: string;
  /** `[oauth.endpoints] oauth2_jwks_url` of the control plane: the key manager's JWKS. */
  readonly jwksUrl: string;
  /** `[apim.event_hub] service_url` of key managers and gateways: the control plane. */
  readonly eventHubServiceUrl: string;
  /** `[apim.event_hub] event_listening_endpoints`: the control plane's AMQP broker. */
  readonly eventListeningEndpoints: readonly string[];
  /** `[apim.throttling] service_url` of the gateways: the control plane's traffic manager. */
  readonly throttlingServiceUrl: string;
  /** `[apim.throttling] throttle_decision_endpoints`: the control plane's AMQP broker. */
  readonly throttleDecisionEndpoints: readonly string[];
  /** `[[apim.throttling.url_group]] traffic_manager_urls`: Thrift over TCP on the control plane. */
  readonly trafficManagerUrls: readonly string[];
  /** `[[apim.throttling.url_group]] traffic_manager_auth_urls`: Thrift over SSL on the control plane. */
  readonly trafficManagerAuthUrls: readonly string[];
  /** `[[apim.gateway.environment]] service_url` of the control plane: the gateways' admin services. */
  readonly gatewayServiceUrl: string;
  /** Token revocation `notification_endpoint` of the control plane and key managers. */
  readonly tokenRevocationUrl: string;
}

/**
 * The wiring and, per component, the connections its URLs open, its own Service included: the control
 * plane notifies itself of token revocations through its Service, so its pods must reach their own.
 */
export interface Wso2Links {
  readonly wiring: Wso2Wiring;
  readonly connects: Readonly<Record<Wso2Role, readonly InClusterConnection[]>>;
}

/**
 * Builds every URL from the Service names and records, for each component that reads a URL, the
 * component and port it reaches. `connects` is therefore exactly what the TOML files point at.
 */
export function wireWso2(serviceNames: Readonly<Record<Wso2Role, string>>): Wso2Links {
  const connects: Record<Wso2Role, InClusterConnection[]> = { controlPlane: [], keyManager: [], gateway: [] };
  const link = (readers: readonly Wso2Role[], to: Wso2Role, port: number, scheme: string, path = ''): string => {
    for (const reader of readers) {
      const list = connects[reader];
      if (!list.some((c) => c.to === wso2ComponentIds[to] && c.port === port)) list.push({ to: wso2ComponentIds[to], port });
    }
    return `${scheme}://${serviceNames[to]}:${port}${path}`;
  };
  const wiring: Wso2Wiring = {
    keyManagerServiceUrl: link(['controlPlane', 'gateway'], 'keyManager', wso2Ports.servletHttps, 'https', '/services/'),
    jwksUrl: link(['controlPlane'], 'keyManager', wso2Ports.servletHttps, 'https', '/oauth2/jwks'),
    eventHubServiceUrl: link(['keyManager', 'gateway'], 'controlPlane', wso2Ports.servletHttps, 'https', '/services/'),
    eventListeningEndpoints: [link(['keyManager', 'gateway'], 'controlPlane', wso2Ports.jms, 'tcp')],
    throttlingServiceUrl: link(['gateway'], 'controlPlane', wso2Ports.servletHttps, 'https', '/services/'),
    throttleDecisionEndpoints: [link(['gateway'], 'controlPlane', wso2Ports.jms, 'tcp')],
    trafficManagerUrls: [link(['gateway'], 'controlPlane', wso2Ports.binary, 'tcp')],
    trafficManagerAuthUrls: [link(['gateway'], 'controlPlane', wso2Ports.binarySsl, 'ssl')],
    gatewayServiceUrl: link(['controlPlane'], 'gateway', wso2Ports.servletHttps, 'https', '/services/'),
    tokenRevocationUrl: link(['controlPlane', 'keyManager'], 'controlPlane', wso2Ports.servletHttps, 'https', '/internal/data/v1/notify'),
  };
  const sorted = (list: InClusterConnection[]) => [...list].sort((a, b) => (a.to === b.to ? a.port - b.port : a.to < b.to ? -1 : 1));
  return {
    wiring,
    connects: { controlPlane: sorted(connects.controlPlane), keyManager: sorted(connects.keyManager), gateway: sorted(connects.gateway) },
  };
}
