import type { CidrBlock, DatabaseTlsSpec } from '../network';
import type { BackendTlsSpec } from '../entry';
import type { SecretRef } from '../secrets';
import type { AdminNodeManagerSpec, ApiManagerSpec, TrafficSpec } from './workload-spec';

/** One image repository and tag; the registry comes from the environment's `images.registry`. */
export interface AxwayImageSpec {
  /**
   * Repository under the registry, e.g. `gateway`.
   * @format image-repository
   */
  readonly repository?: string;
  /**
   * Immutable tag, e.g. `7.7.0.20240830-4-BN0145-ubi9` or a build number of the image pipeline.
   * @pattern ^(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$
   * @errorMessage must be an immutable tag (letters, digits, '_', '.' and '-'; not "latest": a config change is a new tag and a rolling update)
   */
  readonly tag: string;
  /**
   * Digest that pins the image (`sha256:…`), so a re-pushed tag can never change what runs.
   * @pattern ^sha256:[a-f0-9]{64}$
   * @errorMessage is not an image digest such as "sha256:" followed by 64 hex digits
   */
  readonly digest?: string;
}

/** Images of the stack. The FED, certificates and licence are baked into the gateway image per environment. */
export interface AxwayImagesSpec {
  /**
   * Admin Node Manager image (domain cert, admin user and metrics built in).
   * @default { repository: "admin-nodemanager", tag: "7.7.0.20240830-4-BN0145-ubi9" }
   */
  readonly adminNodeManager?: Partial<AxwayImageSpec>;
  /**
   * Gateway image, built for this environment with its FED and `--group-id`; API Manager UI and traffic
   * pods both run it. Only `repository` has a default; the tag is always the environment's own.
   * @default { repository: "gateway" }
   */
  readonly gateway: AxwayImageSpec;
}

/**
 * A DNS name (DNS-1123 subdomain), e.g. `cassandra-1.data.example.org`.
 * @format dns-subdomain
 */
export type HostName = string;

/** The external Cassandra cluster holding API Manager data, KPS, quotas and OAuth tokens. */
export interface AxwayCassandraSpec {
  /**
   * Host names of the nodes, one per zone; production needs at least three.
   * @example ['cassandra-1.example.org', 'cassandra-2.example.org', 'cassandra-3.example.org']
   * @minItems 1
   * @uniqueItems true
   * @errorMessage must list the Cassandra nodes
   */
  readonly hosts: readonly HostName[];
  /**
   * CQL port.
   * @default 9042
   * @asType integer
   * @minimum 1
   * @maximum 65535
   */
  readonly port?: number;
  /**
   * Keyspace of API Manager data (`CASS_KEYSPACE`): letters, digits and `_` only.
   * @default "axway_apim"
   * @pattern ^[A-Za-z][A-Za-z0-9_]{0,47}$
   * @errorMessage is not a valid keyspace name (letters, digits and '_', starting with a letter, e.g. "axway_apim")
   */
  readonly keyspace?: string;
  /**
   * Keyspace of transactional data (`CASS_TKEYSPACE`): letters, digits and `_` only.
   * @default "t_axway_apim"
   * @pattern ^[A-Za-z][A-Za-z0-9_]{0,47}$
   * @errorMessage is not a valid keyspace name (letters, digits and '_', starting with a letter, e.g. "t_axway_apim")
   */
  readonly transactionKeyspace?: string;
  /** Secret with keys `username` and `password` of the Cassandra user. */
  readonly credentials: SecretRef;
  /**
   * How the gateway image's FED names the Cassandra hosts. `single`: the factory FED reads one
   * `CASS_HOST`, the first of `hosts`, as contact point and the driver discovers the other nodes.
   * `per-node`: a FED built with `APIMGR_CASS_HOSTS='${environment.CASS_HOST1},…'` reads
   * `CASS_HOST1`…`CASS_HOSTn`, one per entry of `hosts`.
   * @default "single"
   */
  readonly hostVariables?: 'single' | 'per-node';
  /**
   * Address blocks of the nodes; defaults to `network.dataSubnets`. Production needs one: a
   * NetworkPolicy cannot match the host names.
   */
  readonly cidrs?: readonly CidrBlock[];
}

/** Database engines the ANM can write metrics to. */
export type MetricsDbType = 'mysql' | 'mariadb' | 'mssql' | 'oracle';

/** The external RDBMS the ANM fills with metrics from the gateways' event logs. */
export interface AxwayMetricsDbSpec {
  /**
   * Engine; decides the JDBC URL form. The JDBC driver must be in the images' `ext/lib`.
   * @default "mysql"
   */
  readonly type?: MetricsDbType;
  /**
   * Host name of the database server.
   * @format dns-subdomain
   */
  readonly host: string;
  /**
   * Server port. Set it for mssql (usually 1433) or oracle (usually 1521).
   * @default 3306
   * @asType integer
   * @minimum 1
   * @maximum 65535
   */
  readonly port?: number;
  /**
   * Database (oracle: service name) holding the metrics tables.
   * @default "metrics"
   * @pattern ^[A-Za-z][A-Za-z0-9_$.]*$
   * @errorMessage is not a plain database name (letters, digits, '_')
   */
  readonly database?: string;
  /**
   * Further options appended to the JDBC URL: after `?` for mysql/mariadb (after the TLS options `tls`
   * decides), after `;` for mssql; oracle takes none.
   * @pattern ^(?![&;?])[^\s?]*$
   * @errorMessage {value} must be bare options such as "useSSL=true", without spaces or a leading '?'
   */
  readonly urlOptions?: string;
  /** Secret with keys `username` and `password` of the metrics user (e.g. `report`). */
  readonly credentials: SecretRef;
  /** Address blocks of the database server; defaults to `network.dataSubnets` (needed in production). */
  readonly cidrs?: readonly CidrBlock[];
  /**
   * How the connection is encrypted and the server verified (mysql/mariadb). The gateways' and ANM's JVM
   * verifies against the truststore built into the images, so it must hold the database's CA.
   * @default {}
   */
  readonly tls?: DatabaseTlsSpec;
}

/** Access modes the events claim may use. */
export type EventsAccessMode = 'ReadWriteMany' | 'ReadWriteOnce';

/** The shared volume where gateways write transaction event logs and the ANM reads them. */
export interface AxwayEventsSpec {
  /**
   * StorageClass of the claim (EFS, NFS, Azure Files…). Leave out for the cluster's default class.
   * @format dns-subdomain
   */
  readonly storageClass?: string;
  /**
   * `ReadWriteOnce` only works when every pod sits on one node: allowed for one traffic replica without
   * autoscaling, and the gateways are then pinned next to the ANM.
   * @default "ReadWriteMany"
   */
  readonly accessMode?: EventsAccessMode;
  /**
   * The FED's Transaction Event Log `max_disk_space` per gateway, in GB; sizes the claim.
   * @default 1
   * @asType integer
   * @minimum 1
   * @maximum 1000
   */
  readonly maxDiskGb?: number;
}

/** Public host names, one per interface; path rewrites do not work, so each UI needs its own host. */
export interface AxwayHostsSpec {
  /**
   * API Gateway Manager UI (ANM). Leave out for `anm.<domain>`.
   * @format dns-subdomain
   */
  readonly adminNodeManager?: string;
  /**
   * API Manager UI and REST API. Leave out for `apimgmt.<domain>`.
   * @format dns-subdomain
   */
  readonly apiManager?: string;
  /**
   * API traffic. Leave out for `apimgr.<domain>` (the reference architecture's name).
   * @format dns-subdomain
   */
  readonly traffic?: string;
}

/** The one-off Job that loads the metrics schema before the ANM starts (mysql/mariadb only). */
export interface AxwayMetricsSchemaJobSpec {
  /**
   * Render the Job as an Argo CD Sync hook in the wave before the ANM.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Image with the `mysql` client and `mysql-analytics.sql` from Axway's Docker scripts, built by the
   * image pipeline. Leave out the tag to use the ANM image's tag.
   * @default { repository: "metrics-schema" }
   */
  readonly image?: Partial<AxwayImageSpec>;
  /**
   * Path of the schema script inside that image.
   * @default "/schema/mysql-analytics.sql"
   * @pattern ^/[^\s]*$
   * @errorMessage must be an absolute path without spaces
   */
  readonly scriptPath?: string;
}

/** Axway API Management 7.7 in EMT mode: ANM, API Manager UI and traffic gateways. */
export interface AxwaySpec {
  /** Image repositories and tags. */
  readonly images: AxwayImagesSpec;
  /**
   * Group the gateway image was built with (`--group-id`); the ANM shows the topology by it.
   * @default "emt-group"
   * @pattern ^[A-Za-z0-9][A-Za-z0-9_-]*$
   * @errorMessage is not a group id (letters, digits, '_' and '-')
   */
  readonly groupId?: string;
  /** Secret with the EMT licence under key `license.lic`; gateways refuse to start without it. */
  readonly license: SecretRef;
  /** Secret with the domain certificate `domaincert.pem` and key `domainkey.pem` shared by ANM and gateways. */
  readonly certificates: SecretRef;
  /** Secret with the ANM admin users file under key `adminUsers.json`. */
  readonly adminUsers: SecretRef;
  /**
   * How the Gateway opens TLS to the ANM (8090), the API Manager (8075) and the traffic pods (8065), which
   * all serve HTTPS with the listener certificates of the image: the host name those certificates carry
   * and the CA that signed them. Needed when `entry` renders Gateway API.
   */
  readonly backendTls?: BackendTlsSpec;
  /** External Cassandra cluster. */
  readonly cassandra: AxwayCassandraSpec;
  /** External metrics database. */
  readonly metricsDb: AxwayMetricsDbSpec;
  /**
   * Shared events volume.
   * @default {}
   */
  readonly events?: AxwayEventsSpec;
  /**
   * `EMT_TRACE_LEVEL` of the ANM, API Manager and traffic pods (`DATA` traces message contents). Whether the
   * trace goes to stdout as JSON or to files is `logging.format`.
   * @default "INFO"
   */
  readonly traceLevel?: 'INFO' | 'DEBUG' | 'DATA';
  /**
   * Where the gateways write the open traffic event log (`APIGW_LOG_OPENTRAFFIC_OUTPUT`): `stdout`, `file`
   * (under `logs/opentraffic`, shipped by the log agent) or `none`. Defaults to `file` when `logging.shipping`
   * is set, else `stdout`; `file` needs `logging.shipping`, since nothing else reads the pods' scratch volume.
   */
  readonly openTraffic?: 'stdout' | 'file' | 'none';
  /**
   * `EMT_DEPLOYMENT_ENABLED`: Policy Studio may push a FED into a running gateway. Development only, with a
   * single traffic pod; refused in production.
   * @default false
   */
  readonly deploymentEnabled?: boolean;
  /**
   * Public host names.
   * @default {}
   */
  readonly hosts?: AxwayHostsSpec;
  /**
   * Admin Node Manager.
   * @default {}
   */
  readonly adminNodeManager?: AdminNodeManagerSpec;
  /**
   * API Manager UI.
   * @default {}
   */
  readonly apiManager?: ApiManagerSpec;
  /**
   * Traffic gateways.
   * @default {}
   */
  readonly traffic?: TrafficSpec;
  /**
   * Optional metrics schema Job.
   * @default {}
   */
  readonly metricsSchemaJob?: AxwayMetricsSchemaJobSpec;
}
