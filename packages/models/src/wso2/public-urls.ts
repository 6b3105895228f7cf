import { wso2ConsolePaths } from './facts';
import type { Wso2HostnamesSpec } from './spec';

/**
 * Every public URL of WSO2, decided once: what the consoles table prints and what deployment.toml
 * advertises (`[apim.devportal] url`, each gateway environment's endpoints). Only TLS endpoints: the
 * entry serves HTTPS alone, and WebSocket clients do not follow redirects, so a ws:// URL would never connect.
 */
export interface Wso2PublicUrls {
  readonly publisher: string;
  readonly devportal: string;
  readonly admin: string;
  readonly carbon: string;
  /** API calls over HTTPS (`https_endpoint`). */
  readonly gateway: string;
  /** WebSocket APIs (`wss_endpoint`). */
  readonly websocket: string;
  /** WebSub/streaming APIs (`websub_event_receiver_https_endpoint`). */
  readonly websub: string;
}

/** The public URLs of the resolved host names. */
export function wso2PublicUrls(hostnames: Required<Wso2HostnamesSpec>): Wso2PublicUrls {
  const management = `https://${hostnames.management}`;
  return {
    publisher: `${management}${wso2ConsolePaths.publisher}`,
    devportal: `${management}${wso2ConsolePaths.devportal}`,
    admin: `${management}${wso2ConsolePaths.admin}`,
    carbon: `${management}${wso2ConsolePaths.carbon}`,
    gateway: `https://${hostnames.gateway}`,
    websocket: `wss://${hostnames.websocket}`,
    websub: `https://${hostnames.websub}`,
  };
}
