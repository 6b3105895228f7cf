import type { ExternalConnection } from './component';
import { resolveEgressTarget } from './egress';
import type { CidrBlock, TcpPort } from './network';
import type { ResourcesSpec } from './resources';
import { checkResources } from './resources';
import type { SecretRef } from './secrets';
import { quote } from './spec-error';
import type { StackContext } from './stack-context';
import { imageRef } from './stack-context';

/** Layout of what the products write to stdout. */
export type LogFormat = 'json' | 'text';

/**
 * How the environment's logs are written, and where the logs the products keep in files go.
 * @example { format: 'json', shipping: { destination: { kind: 'loki', host: 'loki.example.org', port: 443, cidrs: ['10.60.0.0/24'] } } }
 */
export interface LoggingSpec {
  /**
   * Layout of the products' stdout. `json`: one JSON object a line (WSO2's console appender with log4j2's
   * JsonTemplateLayout, its audit, correlation, HTTP access and API logs on the console too; Axway's trace
   * with `APIGW_LOG_TRACE_JSON_TO_STDOUT`, no trace files). `text`: the products' own text layouts, and
   * Axway's trace in files under `trace/`.
   * @default "json"
   */
  readonly format?: LogFormat;
  /**
   * Ships the logs Axway writes only to files (domain audit, transaction audit, access, open traffic,
   * and the trace files with `format: 'text'`) from a log agent beside each Axway container. Leave out
   * to keep them in the pods' scratch volumes, which a pod restart empties.
   */
  readonly shipping?: LogShippingSpec;
}

/** The log agent (Fluent Bit) and the one destination it sends to. */
export interface LogShippingSpec {
  /** Where the agent sends the records. */
  readonly destination: LogDestinationSpec;
  /**
   * Fluent Bit image, under the environment's `images.registry` (mirror it there).
   * @default { repository: "fluent/fluent-bit", tag: "5.1.1" }
   */
  readonly image?: LogAgentImageSpec;
  /**
   * Requests and limits of each agent container.
   * @default { requests: { cpu: "20m", memory: "32Mi" }, limits: { cpu: "200m", memory: "128Mi" } }
   */
  readonly resources?: ResourcesSpec;
}

/** A repository and pinned tag under the environment's registry. */
export interface LogAgentImageSpec {
  /**
   * Repository under the registry, e.g. `fluent/fluent-bit`.
   * @format image-repository
   */
  readonly repository: string;
  /**
   * Immutable tag.
   * @pattern ^(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$
   * @errorMessage must be an immutable tag such as "5.1.1" (not "latest")
   */
  readonly tag: string;
  /**
   * Digest that pins the image (`sha256:…`).
   * @pattern ^sha256:[a-f0-9]{64}$
   * @errorMessage is not an image digest such as "sha256:" followed by 64 hex digits
   */
  readonly digest?: string;
}

/** How the agent proves who it is to an HTTP destination. */
export type LogDestinationAuthSpec = BasicAuthSpec | BearerTokenAuthSpec;

/** HTTP basic authentication. */
export interface BasicAuthSpec {
  /** Secret with keys `username` and `password`. */
  readonly basic: SecretRef;
}

/** A bearer token in the `Authorization` header. */
export interface BearerTokenAuthSpec {
  /** Secret with key `token`. */
  readonly bearerToken: SecretRef;
}

/** TLS towards the destination: always on, the certificate and the host name always verified. */
export interface LogDestinationTlsSpec {
  /** Secret with the CA certificate under key `ca.crt`, when the destination's CA is not a public one. */
  readonly ca?: SecretRef;
}

/** What every destination has: a host, where it lives on the network, and TLS. */
interface LogDestinationBase {
  /**
   * Host name the agent connects to (and verifies the certificate for).
   * @format dns-subdomain
   */
  readonly host: string;
  /**
   * Address blocks the host lives in: the pods' NetworkPolicy opens the port to these only.
   * @default []
   */
  readonly cidrs?: readonly CidrBlock[];
  /**
   * Any address outside the cluster instead of `cidrs`, for a service on the Internet (e.g. Amazon S3).
   * @default false
   */
  readonly anyAddressOutsideCluster?: boolean;
  /**
   * Transport security; it cannot be switched off.
   * @default {}
   */
  readonly tls?: LogDestinationTlsSpec;
}

/** An OpenTelemetry collector, over OTLP/HTTP. */
export interface OtlpDestinationSpec extends LogDestinationBase {
  readonly kind: 'otlp';
  /**
   * OTLP/HTTP port (4318 is the collector's standard port).
   * @default 4318
   */
  readonly port?: TcpPort;
  /**
   * Path of the logs endpoint.
   * @default "/v1/logs"
   * @pattern ^/[^\s]*$
   * @errorMessage must be an absolute path such as "/v1/logs"
   */
  readonly path?: string;
  /** Credentials, if the collector asks for them. */
  readonly auth?: LogDestinationAuthSpec;
}

/** Grafana Loki's push API. */
export interface LokiDestinationSpec extends LogDestinationBase {
  readonly kind: 'loki';
  /**
   * Port of the push API (3100 is Loki's own; a gateway in front usually serves 443).
   * @default 3100
   */
  readonly port?: TcpPort;
  /**
   * Tenant (`X-Scope-OrgID`) of a multi-tenant Loki.
   * @pattern ^[A-Za-z0-9!._*'()-]{1,150}$
   * @errorMessage is not a Loki tenant id (letters, digits and !._*'()- only)
   */
  readonly tenantId?: string;
  /** Credentials, if Loki (or its gateway) asks for them. */
  readonly auth?: LogDestinationAuthSpec;
}

/** Elasticsearch (or OpenSearch) bulk API. */
export interface ElasticsearchDestinationSpec extends LogDestinationBase {
  readonly kind: 'elasticsearch';
  /**
   * HTTP port.
   * @default 9200
   */
  readonly port?: TcpPort;
  /**
   * Index the records go to.
   * @default "apim-logs"
   * @pattern ^[a-z0-9][a-z0-9._-]{0,254}$
   * @errorMessage is not an index name (lower-case letters, digits, '.', '_' and '-')
   */
  readonly index?: string;
  /** Credentials: Elasticsearch takes basic authentication here. */
  readonly auth?: LogDestinationAuthSpec;
}

/** An S3 bucket (Amazon S3 or an S3-compatible store). */
export interface S3DestinationSpec extends LogDestinationBase {
  readonly kind: 's3';
  /**
   * HTTPS port of the endpoint.
   * @default 443
   */
  readonly port?: TcpPort;
  /**
   * Bucket name.
   * @pattern ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$
   * @errorMessage is not an S3 bucket name
   */
  readonly bucket: string;
  /**
   * Region of the bucket, e.g. `eu-central-1`.
   * @pattern ^[a-z]{2}(-[a-z]+)+-\d$
   * @errorMessage is not a region such as "eu-central-1"
   */
  readonly region: string;
  /**
   * Secret with keys `access-key-id` and `secret-access-key`. Leave out when the pods get credentials
   * another way (EKS Pod Identity, IAM roles for service accounts).
   */
  readonly credentials?: SecretRef;
}

/**
 * Where the agent sends the records.
 * @discriminator kind
 */
export type LogDestinationSpec = OtlpDestinationSpec | LokiDestinationSpec | ElasticsearchDestinationSpec | S3DestinationSpec;

/** A Secret key the agent reads, with the variable it reads it into (its config names only the variable). */
export interface ResolvedAgentCredential {
  readonly env: string;
  readonly secret: string;
  readonly key: string;
}

/** A destination after defaults. */
export interface ResolvedLogDestination {
  readonly kind: LogDestinationSpec['kind'];
  readonly host: string;
  readonly port: number;
  /** Secret with `ca.crt`, mounted into the agent, when the destination's CA is a private one. */
  readonly caSecret?: string;
  /** How the agent authenticates: by variables fed from Secrets. */
  readonly auth?: { readonly scheme: 'basic' | 'bearer' | 'aws'; readonly credentials: readonly ResolvedAgentCredential[] };
  /** OTLP: path of the logs endpoint. */
  readonly path?: string;
  /** Loki: tenant. */
  readonly tenantId?: string;
  /** Elasticsearch: index. */
  readonly index?: string;
  /** S3: bucket and region. */
  readonly bucket?: string;
  readonly region?: string;
}

/** The log agent after defaults. */
export interface ResolvedLogShipping {
  /** Full image reference, under the environment's registry. */
  readonly image: string;
  readonly resources: ResourcesSpec;
  readonly destination: ResolvedLogDestination;
  /** The connections to the destination, for the NetworkPolicies of every pod that runs the agent. */
  readonly connections: readonly ExternalConnection[];
}

/** Logging after defaults. */
export interface ResolvedLogging {
  readonly format: LogFormat;
  readonly shipping?: ResolvedLogShipping;
}

/** Variables the agent reads credentials into; its config holds only `${NAME}`. */
export const logAgentCredentialEnv = {
  username: 'LOG_DESTINATION_USERNAME',
  password: 'LOG_DESTINATION_PASSWORD',
  token: 'LOG_DESTINATION_TOKEN',
  // The AWS credential chain of Fluent Bit's S3 output reads these (fluent-bit-docs administration/aws-credentials.md).
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
} as const;

/**
 * Resolves `logging` (the schema has applied every @default). `readers` are the components whose pods run
 * the agent: they read its Secrets and open its connections. Without any, shipping has nothing to ship.
 */
export function resolveLogging(spec: LoggingSpec, ctx: StackContext, readers: readonly string[]): ResolvedLogging {
  const format = spec.format!;
  const shipping = spec.shipping;
  if (!shipping) return { format };
  const path = 'logging.shipping';
  if (readers.length === 0)
    ctx.checks.issues.add(path, 'ships the log files of Axway, which this environment does not run; WSO2 writes every log to stdout; remove it');
  const d = shipping.destination;
  const at = `${path}.destination`;
  const use = (field: string, ref: SecretRef, keys: readonly string[]): string => {
    let name = '';
    for (const reader of readers) name = ctx.secrets.use(`${at}.${field}`, ref, reader, keys) ?? '';
    return name || ref.secretRef;
  };
  const port = d.port!;
  const connections = resolveEgressTarget(ctx, at, {
    name: `logs-${d.kind}`,
    ...(d.cidrs ? { cidrs: d.cidrs } : {}),
    ...(d.anyAddressOutsideCluster ? { anyAddressOutsideCluster: true } : {}),
    ports: [port],
  });
  // Each credential is a Secret key read into a variable; the agent's config names only the variable.
  const fromSecret = (scheme: NonNullable<ResolvedLogDestination['auth']>['scheme'], field: string, ref: SecretRef, vars: [string, string][]) => {
    const secret = use(
      field,
      ref,
      vars.map(([, key]) => key),
    );
    return { scheme, credentials: vars.map(([env, key]) => ({ env, secret, key })) };
  };
  const e = logAgentCredentialEnv;
  let auth: ResolvedLogDestination['auth'];
  if (d.kind === 's3') {
    if (d.credentials)
      auth = fromSecret('aws', 'credentials', d.credentials, [
        [e.accessKeyId, 'access-key-id'],
        [e.secretAccessKey, 'secret-access-key'],
      ]);
  } else if (d.auth && 'basic' in d.auth) {
    auth = fromSecret('basic', 'auth.basic', d.auth.basic, [
      [e.username, 'username'],
      [e.password, 'password'],
    ]);
  } else if (d.auth && 'bearerToken' in d.auth) {
    if (d.kind === 'elasticsearch')
      ctx.checks.issues.add(
        `${at}.auth.bearerToken`,
        `the Elasticsearch output takes basic authentication only; use auth: { basic: { secretRef: ${quote(d.auth.bearerToken.secretRef)} } } with keys username and password`,
      );
    auth = fromSecret('bearer', 'auth.bearerToken', d.auth.bearerToken, [[e.token, 'token']]);
  }
  const caSecret = d.tls?.ca ? use('tls.ca', d.tls.ca, ['ca.crt']) : undefined;
  checkResources(ctx.checks, `${path}.resources`, shipping.resources!);
  const image = shipping.image!;
  const destination: ResolvedLogDestination = {
    kind: d.kind,
    host: d.host,
    port,
    ...(caSecret ? { caSecret } : {}),
    ...(auth ? { auth } : {}),
    ...(d.kind === 'otlp' ? { path: d.path! } : {}),
    ...(d.kind === 'loki' && d.tenantId ? { tenantId: d.tenantId } : {}),
    ...(d.kind === 'elasticsearch' ? { index: d.index! } : {}),
    ...(d.kind === 's3' ? { bucket: d.bucket, region: d.region } : {}),
  };
  return {
    format,
    shipping: {
      image: imageRef(ctx.env, { repository: image.repository, tag: image.tag, ...(image.digest ? { digest: image.digest } : {}) }),
      resources: shipping.resources!,
      destination,
      connections,
    },
  };
}
