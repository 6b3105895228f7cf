import { axwayConsolePaths } from './facts';

/** Every public URL of Axway, decided once from its hosts: each interface on its own host. */
export interface AxwayPublicUrls {
  /** API Gateway Manager, served by the Admin Node Manager. */
  readonly adminNodeManager: string;
  /** API Manager web console and REST API. */
  readonly apiManager: string;
  /** API traffic of the APIs published through API Manager. */
  readonly traffic: string;
}

/** The public URLs of the resolved hosts. */
export function axwayPublicUrls(hosts: { readonly adminNodeManager: string; readonly apiManager: string; readonly traffic: string }): AxwayPublicUrls {
  return {
    adminNodeManager: `https://${hosts.adminNodeManager}${axwayConsolePaths.adminNodeManager}`,
    apiManager: `https://${hosts.apiManager}${axwayConsolePaths.apiManager}`,
    traffic: `https://${hosts.traffic}${axwayConsolePaths.traffic}`,
  };
}
