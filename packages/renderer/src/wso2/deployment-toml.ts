import type { ResolvedWso2, ResolvedWso2Component, ResolvedWso2Database } from '@apim-gitops/models';
import { wso2Ports, wso2SelfSignUpHandler } from '@apim-gitops/models';
import { stringify } from 'smol-toml';

/**
 * Environment variables through which Secret values reach deployment.toml as `$env{NAME}`
 * placeholders. The pod spec feeds each from a secretKeyRef, so no value is ever in a ConfigMap.
 */
export const wso2SecretEnv = {
  adminUsername: 'ADMIN_USERNAME',
  adminPassword: 'ADMIN_PASSWORD',
  adminPasswordUrlEncoded: 'ADMIN_PASSWORD_URLENCODED',
  apimDbUsername: 'APIM_DB_USERNAME',
  apimDbPassword: 'APIM_DB_PASSWORD',
  sharedDbUsername: 'SHARED_DB_USERNAME',
  sharedDbPassword: 'SHARED_DB_PASSWORD',
  keystorePassword: 'KEYSTORE_PASSWORD',
  truststorePassword: 'TRUSTSTORE_PASSWORD',
} as const;

/** Env var names of a database's credentials. */
export function databaseEnv(db: ResolvedWso2Database): { username: string; password: string } {
  return db.key === 'apim_db'
    ? { username: wso2SecretEnv.apimDbUsername, password: wso2SecretEnv.apimDbPassword }
    : { username: wso2SecretEnv.sharedDbUsername, password: wso2SecretEnv.sharedDbPassword };
}

const env = (name: string) => `$env{${name}}`;

type Toml = Record<string, unknown>;

function server(c: ResolvedWso2Component, extra: Toml = {}): Toml {
  return { hostname: c.hostname, node_ip: env('NODE_IP'), server_role: c.serverRole, ...extra };
}

function superAdmin(): Toml {
  return { username: env(wso2SecretEnv.adminUsername), password: env(wso2SecretEnv.adminPassword), create_admin_account: true };
}

function userStore(wso2: ResolvedWso2): Toml {
  // An empty [user_store.properties] table breaks start-up, so it is left out when there is none.
  const { properties } = wso2.userStore;
  return { type: wso2.userStore.type, ...(Object.keys(properties).length > 0 ? { properties: { ...properties } } : {}) };
}

function database(db: ResolvedWso2Database): Toml {
  const credentials = databaseEnv(db);
  return {
    type: db.type,
    url: db.url,
    username: env(credentials.username),
    password: env(credentials.password),
    driver: db.driver,
    pool_options: {
      maxActive: 100,
      maxWait: 60000,
      minIdle: 5,
      testOnBorrow: true,
      testWhileIdle: true,
      validationInterval: 30000,
      defaultAutoCommit: true,
    },
  };
}

function databases(wso2: ResolvedWso2, c: ResolvedWso2Component): Toml {
  const all = [wso2.databases.apim, wso2.databases.shared].filter((db) => c.databases.includes(db.key));
  return Object.fromEntries(all.map((db) => [db.key, database(db)]));
}

/** The tables every WSO2 node opens with: server, admin, user store, its databases, key and trust stores. */
function nodeTables(wso2: ResolvedWso2, c: ResolvedWso2Component, serverExtra: Toml = {}): Toml {
  return {
    server: server(c, serverExtra),
    super_admin: superAdmin(),
    user_store: userStore(wso2),
    database: databases(wso2, c),
    ...keystores(wso2),
  };
}

function keystores(wso2: ResolvedWso2): { keystore: Toml; truststore: Toml } {
  const k = wso2.keystores;
  const key = {
    file_name: k.keystoreFile,
    type: 'JKS',
    password: env(wso2SecretEnv.keystorePassword),
    alias: k.keyAlias,
    key_password: env(wso2SecretEnv.keystorePassword),
  };
  return {
    keystore: {
      tls: key,
      primary: key,
      ...(k.internalKeystoreFile ? { internal: { ...key, file_name: k.internalKeystoreFile } } : {}),
    },
    truststore: { file_name: k.truststoreFile, type: 'JKS', password: env(wso2SecretEnv.truststorePassword) },
  };
}

/** The servlet transport behind the TLS-terminating ingress: generated URLs drop `:9443`. */
function transport(): Toml {
  return {
    http: { properties: { port: wso2Ports.servletHttp, proxyPort: 80 } },
    https: { properties: { port: wso2Ports.servletHttps, proxyPort: 443 } },
  };
}

function eventHub(wso2: ResolvedWso2): Toml {
  return {
    enable: true,
    service_url: wso2.wiring.eventHubServiceUrl,
    event_listening_endpoints: [...wso2.wiring.eventListeningEndpoints],
    username: '$ref{super_admin.username}',
    password: '$ref{super_admin.password}',
    jms: jms(),
  };
}

function tokenRevocationListener(wso2: ResolvedWso2): Toml {
  return {
    id: 'token_revocation',
    type: 'org.wso2.carbon.identity.core.handler.AbstractIdentityHandler',
    name: 'org.wso2.is.notification.ApimOauthEventInterceptor',
    order: 1,
    properties: {
      notification_endpoint: wso2.wiring.tokenRevocationUrl,
      // The notify call authenticates as the super admin; without these revocations never arrive.
      username: '${admin.username}',
      password: '${admin.password}',
      'header.X-WSO2-KEY-MANAGER': 'default',
    },
  };
}

/** Developer Portal self sign-up: assigns the subscriber role to users who register themselves. */
function selfSignUpHandler(): Toml {
  return { name: wso2SelfSignUpHandler.name, subscriptions: [...wso2SelfSignUpHandler.subscriptions] };
}

/**
 * Credentials the product writes into its AMQP connection URLs (`amqp://user:password@clientid/…`).
 * The password must be URL-encoded there, so it comes from its own Secret key.
 */
function jms(): Toml {
  return { username: env(wso2SecretEnv.adminUsername), password: env(wso2SecretEnv.adminPasswordUrlEncoded) };
}

function gatewayLabels(wso2: ResolvedWso2): Toml {
  return { gateway: { gateway_labels: wso2.gatewayEnvironments.map((e) => e.name) } };
}

/** deployment.toml of the All-in-One control plane, as data. */
export function controlPlaneToml(wso2: ResolvedWso2): Toml {
  return {
    ...nodeTables(wso2, wso2.controlPlane, { offset: 0, mode: 'single' }),
    transport: transport(),
    oauth: { endpoints: { oauth2_jwks_url: wso2.wiring.jwksUrl } },
    apim: {
      key_manager: { service_url: wso2.wiring.keyManagerServiceUrl },
      devportal: { url: wso2.urls.devportal },
      gateway: {
        environment: wso2.gatewayEnvironments.map((g) => ({
          name: g.name,
          type: g.type,
          gateway_type: 'Regular',
          provider: 'wso2',
          display_in_api_console: g.displayInApiConsole,
          description: g.description,
          show_as_token_endpoint_url: true,
          service_url: wso2.wiring.gatewayServiceUrl,
          username: '${admin.username}',
          password: '${admin.password}',
          // Only the TLS endpoints are advertised: the entry redirects plain HTTP to HTTPS, and
          // WebSocket clients do not follow redirects, so a ws:// URL would never connect.
          https_endpoint: wso2.urls.gateway,
          wss_endpoint: wso2.urls.websocket,
          websub_event_receiver_https_endpoint: wso2.urls.websub,
        })),
      },
      sync_runtime_artifacts: gatewayLabels(wso2),
      // The control plane is the traffic manager; its own broker connection uses these too.
      throttling: { jms: jms() },
    },
    event_listener: [tokenRevocationListener(wso2)],
    event_handler: [selfSignUpHandler()],
  };
}

/** deployment.toml of a key manager (ACP image, `key-manager` profile), as data. */
export function keyManagerToml(wso2: ResolvedWso2): Toml {
  return {
    ...nodeTables(wso2, wso2.keyManager),
    apim: { event_hub: eventHub(wso2), throttling: { jms: jms() } },
    event_listener: [tokenRevocationListener(wso2)],
    event_handler: [selfSignUpHandler()],
  };
}

/** deployment.toml of a Universal Gateway (the image has no profiles), as data. */
export function gatewayToml(wso2: ResolvedWso2): Toml {
  return {
    ...nodeTables(wso2, wso2.gateway),
    transport: transport(),
    apim: {
      key_manager: { service_url: wso2.wiring.keyManagerServiceUrl },
      event_hub: eventHub(wso2),
      throttling: {
        service_url: wso2.wiring.throttlingServiceUrl,
        throttle_decision_endpoints: [...wso2.wiring.throttleDecisionEndpoints],
        url_group: [
          {
            traffic_manager_urls: [...wso2.wiring.trafficManagerUrls],
            traffic_manager_auth_urls: [...wso2.wiring.trafficManagerAuthUrls],
            type: 'loadbalance',
          },
        ],
        jms: jms(),
      },
      sync_runtime_artifacts: gatewayLabels(wso2),
    },
  };
}

/** The file text: TOML serialised from the data, never from a template. */
export function deploymentToml(data: Toml): string {
  return stringify(data);
}
