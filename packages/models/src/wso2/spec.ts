import type { BackendTlsSpec } from '../entry';
import type { ResourcesSpec } from '../resources';
import type { CidrBlock, DatabaseTlsSpec, EgressTargetSpec } from '../network';
import type { SecretRef } from '../secrets';

/** A container image in the environment's registry (`images.registry`). */
export interface Wso2ImageSpec {
  /**
   * Repository under the registry. The stock images ship no JDBC driver, so production images are
   * rebuilt FROM them with MySQL Connector/J 8.x added and pushed under this name.
   * @format image-repository
   */
  readonly repository: string;
  /**
   * Tag; when left out, `version` is used.
   * @format image-tag
   */
  readonly tag?: string;
  /**
   * Digest that pins the image (`sha256:…`), so a re-pushed tag can never change what runs.
   * @pattern ^sha256:[a-f0-9]{64}$
   * @errorMessage is not an image digest such as "sha256:" followed by 64 hex digits
   */
  readonly digest?: string;
}

/** The three product images of Pattern 5. */
export interface Wso2ImagesSpec {
  /**
   * All-in-One image, run by the control plane.
   * @default { repository: "wso2/wso2am" }
   */
  readonly controlPlane?: Wso2ImageSpec;
  /**
   * API Control Plane (ACP) image, run by the key managers with `PROFILE_NAME=key-manager`
   * (there is no dedicated key manager image).
   * @default { repository: "wso2/wso2am-acp" }
   */
  readonly keyManager?: Wso2ImageSpec;
  /**
   * Universal Gateway image. It has no profiles: its entrypoint always starts `bin/gateway.sh`.
   * @default { repository: "wso2/wso2am-universal-gw" }
   */
  readonly gateway?: Wso2ImageSpec;
}

/** How one WSO2 component runs. */
export interface Wso2ComponentSpec {
  /**
   * Pods of the component. Pattern 5 runs 1 control plane, 2 key managers and 2 gateways.
   * @minimum 1
   * @maximum 20
   */
  readonly replicas?: number;
  /**
   * CPU and memory per pod, as the reference sizes every component.
   * @default { requests: { cpu: "2", memory: "2Gi" }, limits: { cpu: "3", memory: "3Gi" } }
   */
  readonly resources?: ResourcesSpec;
  /**
   * JVM heap (`-Xms` = `-Xmx`) in MiB. Must leave at least 1 GiB of `resources.limits.memory` free.
   * @default 2048
   * @asType integer
   * @minimum 256
   */
  readonly heapMiB?: number;
  /**
   * Name of the component's Service; every URL other components use is built from it.
   * Defaults to the component id (`wso2-control-plane`, `wso2-key-manager`, `wso2-gateway`).
   * @format dns-label
   */
  readonly serviceName?: string;
  /** Further destinations outside the cluster this component must reach (an LDAP user store, a custom key manager). */
  readonly extraEgress?: readonly EgressTargetSpec[];
  /**
   * Further environment variables of the server container, by name. Never secret values: a
   * secret-looking name with a literal value is refused; feed secrets through `$env{…}` from a Secret.
   * @default {}
   * @propertyNames { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "errorMessage": "is not an environment variable name" }
   */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /**
   * Further annotations of the component's pods (a service mesh, a backup tool).
   * @default {}
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** The All-in-One control plane. */
export interface Wso2ControlPlaneSpec extends Wso2ComponentSpec {
  /**
   * Client CIDRs admitted to the management paths of the management host (`/carbon`, `/admin`,
   * `/publisher`, `/services` and the Publisher and Admin REST APIs); the Developer Portal stays public.
   * Leave out to publish every path to all.
   * @example ['10.20.0.0/16']
   */
  readonly adminSourceRanges?: readonly CidrBlock[];
  /**
   * Always one: two control planes need `mode = "ha"` and a Service each, another pattern.
   * @default 1
   * @asType integer
   * @minimum 1
   * @maximum 20
   */
  readonly replicas?: number;
}

/** The key manager pair (token issue and validation). */
export interface Wso2KeyManagerSpec extends Wso2ComponentSpec {
  /**
   * Key manager pods; production needs at least 2.
   * @default 2
   * @asType integer
   * @minimum 1
   * @maximum 20
   */
  readonly replicas?: number;
  /**
   * Publish the key manager on its own host (`hostnames.keyManager`); otherwise it is reached only
   * inside the cluster.
   * @default false
   */
  readonly ingress?: boolean;
}

/** CPU-based autoscaling of the gateways. */
export interface Wso2AutoscalingSpec {
  /**
   * Render a HorizontalPodAutoscaler for the gateway Deployment.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Lowest replica count; never below `gateway.replicas`. Defaults to `gateway.replicas`.
   * @asType integer
   * @minimum 1
   */
  readonly minReplicas?: number;
  /**
   * Highest replica count; above `minReplicas`.
   * @default 4
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  readonly maxReplicas?: number;
  /**
   * Average CPU use, in percent of `requests.cpu`, the autoscaler aims at. Memory is a poor signal
   * because the heap is fixed.
   * @default 75
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  readonly targetCpuPercent?: number;
}

/** The Universal Gateways (API traffic). */
export interface Wso2GatewaySpec extends Wso2ComponentSpec {
  /**
   * Gateway pods; production needs at least 2. The autoscaler never goes below this.
   * @default 2
   * @asType integer
   * @minimum 1
   * @maximum 20
   */
  readonly replicas?: number;
  /**
   * Autoscaling; on by default.
   * @default {}
   */
  readonly autoscaling?: Wso2AutoscalingSpec;
  /**
   * The API back ends the gateways proxy to, by address and port: at least one, since the gateways'
   * egress is denied everywhere else. Use `anyAddressOutsideCluster: true` for APIs on the Internet.
   * @example [{ name: 'orders', cidrs: ['10.40.0.0/16'], ports: [443] }]
   */
  readonly backends?: readonly EgressTargetSpec[];
}

/** Public host names. Each defaults to a fixed prefix on the environment's `domain`. */
export interface Wso2HostnamesSpec {
  /**
   * Publisher, Developer Portal, Admin and Carbon console (control plane). Defaults to `am.<domain>`.
   * @format dns-subdomain
   */
  readonly management?: string;
  /**
   * API calls over HTTPS (gateways). Defaults to `gw.<domain>`.
   * @format dns-subdomain
   */
  readonly gateway?: string;
  /**
   * WebSocket APIs (gateways). Defaults to `websocket.<domain>`.
   * @format dns-subdomain
   */
  readonly websocket?: string;
  /**
   * WebSub/streaming APIs (gateways). Defaults to `websub.<domain>`.
   * @format dns-subdomain
   */
  readonly websub?: string;
  /**
   * Key manager, when `keyManager.ingress` is on. Defaults to `km.<domain>`.
   * @format dns-subdomain
   */
  readonly keyManager?: string;
}

/** One external database. */
export interface Wso2DatabaseSpec {
  /**
   * Database engine. Only MySQL (driver `com.mysql.cj.jdbc.Driver`) is supported.
   * @default "mysql"
   */
  readonly type?: 'mysql';
  /**
   * Host name of the database server, outside the cluster, e.g. `mysql.prod.example.org`.
   * @format dns-subdomain
   */
  readonly host: string;
  /**
   * Port of the database server.
   * @default 3306
   * @asType integer
   * @minimum 1
   * @maximum 65535
   */
  readonly port?: number;
  /**
   * Address blocks of the database server; defaults to `network.dataSubnets`. Production needs one:
   * a NetworkPolicy cannot match the host name.
   */
  readonly cidrs?: readonly CidrBlock[];
  /**
   * Database (schema) name. Defaults to `apim_db` or `shared_db`.
   * @pattern ^[A-Za-z0-9_$]{1,64}$
   * @errorMessage is not a MySQL database name (letters, digits, '_' and '$')
   */
  readonly name?: string;
  /**
   * Further JDBC URL parameters, joined with `&amp;` because WSO2 renders the URL into XML; transport
   * security comes from `tls`. MySQL 8 with `tls.mode: "DISABLED"` also needs `allowPublicKeyRetrieval: "true"`.
   * @default {}
   * @propertyNames { "pattern": "^[A-Za-z][A-Za-z0-9]*$", "errorMessage": "is not a JDBC parameter name (letters and digits)" }
   */
  readonly urlOptions?: Readonly<Record<string, JdbcParameterValue>>;
  /** Secret with the keys `username` and `password` of the database user. */
  readonly credentials: SecretRef;
  /**
   * How the connection is encrypted and the server verified. The JVMs verify against the truststore of
   * `keystores` (`client-truststore.jks`), so it must hold the database's CA.
   * @default {}
   */
  readonly tls?: DatabaseTlsSpec;
}

/**
 * One JDBC URL parameter's value.
 * @pattern ^[A-Za-z0-9._:/-]*$
 * @errorMessage must be a string without spaces, '&' or '='
 */
export type JdbcParameterValue = string;

/** The two databases every Pattern 5 deployment shares. */
export interface Wso2DatabasesSpec {
  /** API-M data (`dbscripts/apimgt/mysql.sql`): control plane and key managers. */
  readonly apim: Wso2DatabaseSpec;
  /** User store and registry (`dbscripts/mysql.sql`): every component. */
  readonly shared: Wso2DatabaseSpec;
}

/** Keystores and truststore, mounted by file from one Secret. */
export interface Wso2KeystoresSpec {
  /**
   * Secret holding the store files (keys named as the files) and the keys `keystore-password`
   * and `truststore-password`.
   */
  readonly secret: SecretRef;
  /**
   * Primary and TLS keystore file (JKS).
   * @default "wso2carbon.jks"
   * @format secret-key
   */
  readonly keystoreFile?: string;
  /**
   * Alias of the key in the keystore.
   * @default "wso2carbon"
   * @minLength 1
   */
  readonly keyAlias?: string;
  /**
   * Truststore file (JKS); it must trust the other components' certificates.
   * @default "client-truststore.jks"
   * @format secret-key
   */
  readonly truststoreFile?: string;
  /**
   * Internal keystore file (JKS) for encrypting secrets, e.g. `wso2internal.jks`; none by default.
   * @format secret-key
   */
  readonly internalKeystoreFile?: string;
}

/** The user store in `shared_db`. */
export interface Wso2UserStoreSpec {
  /**
   * User store type.
   * @default "database_unique_id"
   */
  readonly type?: 'database_unique_id' | 'database';
  /**
   * `[user_store.properties]`, e.g. `{ ReadGroups: true }`. Left out of the TOML when empty.
   * @default {}
   * @propertyNames { "pattern": "^[A-Za-z][A-Za-z0-9_.]*$", "errorMessage": "is not a user store property name" }
   */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
}

/** A gateway environment the control plane publishes APIs to; all of them run on the gateways. */
export interface Wso2GatewayEnvironmentSpec {
  /**
   * Name, which is also the gateway label the gateways pull artifacts for, e.g. `Default`.
   * @pattern ^[A-Za-z0-9_-]{1,64}$
   * @errorMessage must be letters, digits, '_' and '-' (it is a gateway label)
   */
  readonly name: string;
  /**
   * Which token traffic it takes.
   * @default "hybrid"
   */
  readonly type?: 'hybrid' | 'production' | 'sandbox';
  /**
   * Text shown in the portals.
   * @default "Hybrid gateway for production and sandbox token traffic."
   */
  readonly description?: string;
  /**
   * Shown in the API console of the Developer Portal.
   * @default true
   */
  readonly displayInApiConsole?: boolean;
}

/** A one-off Job that loads the product's database schemas. */
export interface Wso2SchemaJobSpec {
  /**
   * Render an Argo CD Sync hook Job that loads `dbscripts/mysql.sql` into shared_db and
   * `dbscripts/apimgt/mysql.sql` into apim_db when their tables are missing. Both databases and
   * users must exist already.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Image with the `mysql` client, from the environment's registry. Production prechecks use it too,
   * to check that the schema is loaded before a server starts.
   * @default { repository: "mysql", tag: "8.4" }
   */
  readonly clientImage?: Wso2ImageSpec;
}

/** User and group the product processes run as. */
export interface Wso2SecuritySpec {
  /**
   * UID of the image's user: `wso2carbon` is 10001 in the 4.5 images (802 up to 4.2.x). The
   * entrypoint copies the mounted config into the server home as this user, so it must be the owner
   * of `$WSO2_SERVER_HOME`; change it only for images rebuilt with another `USER_ID`.
   * @default 10001
   * @asType integer
   * @minimum 1
   * @maximum 2147483647
   */
  readonly runAsUser?: number;
  /**
   * GID of the image's group (`wso2`), also used as `fsGroup`.
   * @default 10001
   * @asType integer
   * @minimum 1
   * @maximum 2147483647
   */
  readonly runAsGroup?: number;
}

/**
 * WSO2 API Manager 4.5 in deployment Pattern 5: one All-in-One control plane, a key manager pair
 * and a Universal Gateway pair, sharing two external MySQL databases.
 * @see https://apim.docs.wso2.com/en/4.5.0/install-and-setup/setup/kubernetes-deployment/kubernetes/am-pattern-5-all-in-one-gw-km/
 */
export interface Wso2Spec {
  /**
   * Product version; the default image tag.
   * @default "4.5.0"
   * @format image-tag
   */
  readonly version?: string;
  /**
   * Image repositories and tags.
   * @default {}
   */
  readonly images?: Wso2ImagesSpec;
  /**
   * The All-in-One control plane (Publisher, Developer Portal, Admin, event hub, traffic manager).
   * @default {}
   */
  readonly controlPlane?: Wso2ControlPlaneSpec;
  /**
   * The key managers.
   * @default {}
   */
  readonly keyManager?: Wso2KeyManagerSpec;
  /**
   * The Universal Gateways.
   * @default {}
   */
  readonly gateway?: Wso2GatewaySpec;
  /**
   * Public host names.
   * @default {}
   */
  readonly hostnames?: Wso2HostnamesSpec;
  /** `apim_db` and `shared_db`. */
  readonly databases: Wso2DatabasesSpec;
  /** Keystore and truststore files and their passwords. */
  readonly keystores: Wso2KeystoresSpec;
  /**
   * How the Gateway opens TLS to the control plane, key managers and gateways (9443, 8243, 8099, 8021 all
   * serve HTTPS with the certificate of `keystores.keystoreFile`): the host name that certificate carries
   * and the CA that signed it. Needed when `entry` renders Gateway API; the stock `wso2carbon.jks` holds a
   * self-signed certificate for `localhost`, so give the pods a certificate of your CA.
   */
  readonly backendTls?: BackendTlsSpec;
  /**
   * Secret with the keys `username` and `password` of the super admin, identical on every component.
   * The product writes them into AMQP URLs, so they cannot contain `@`, `{` or `}`; other URL-special
   * characters are fine, because the nodes read the password's URL-encoded form from the key
   * `password-urlencoded` (External Secrets derives it with a template; with Sealed Secrets, seal it too).
   */
  readonly admin: SecretRef;
  /**
   * User store type and properties.
   * @default {}
   */
  readonly userStore?: Wso2UserStoreSpec;
  /**
   * Gateway environments (labels) the control plane publishes to.
   * @default [{ name: "Default" }]
   * @minItems 1
   * @errorMessage must name at least one gateway environment, e.g. [{ name: "Default" }]
   */
  readonly gatewayEnvironments?: readonly Wso2GatewayEnvironmentSpec[];
  /**
   * Database schema loading.
   * @default {}
   */
  readonly schemaJob?: Wso2SchemaJobSpec;
  /**
   * Process user and group.
   * @default {}
   */
  readonly securityContext?: Wso2SecuritySpec;
}

/** Host prefixes on the environment's domain. */
export const wso2HostPrefixes = {
  management: 'am',
  gateway: 'gw',
  websocket: 'websocket',
  websub: 'websub',
  keyManager: 'km',
} as const satisfies Record<keyof Wso2HostnamesSpec, string>;

/** Headroom the JVM needs above `-Xmx` inside the memory limit (metaspace, threads, buffers). */
export const wso2HeapHeadroomMiB = 1024;
