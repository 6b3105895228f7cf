import type { ExternalConnection, ResolvedComponent, StackId } from './component';
import type { CidrBlock, DatabaseSslMode, DatabaseTlsSpec, ResolvedDatabaseTls } from './network';
import { verifiesServer } from './network';
import type { ResourcesSpec } from './resources';
import { checkResources } from './resources';
import type { SecretRef } from './secrets';
import { quote } from './spec-error';
import type { StackContext } from './stack-context';
import { imageRef } from './stack-context';

/**
 * The backup image, from the environment's registry. It must hold `bash`, MySQL's `mysqldump` (8.4, for
 * `--ssl-mode` and `--set-gtid-purged`), `gzip`, `sed`, `date` and the AWS CLI v2 (`aws s3 cp -` streams
 * standard input to S3-compatible storage); build it, e.g. from `mysql:8.4` with the AWS CLI added, and
 * push it there. It runs as UID/GID 65534 on a read-only root file system, with `HOME=/tmp`.
 */
export interface BackupImageSpec {
  /**
   * Repository under the registry.
   * @default "apim-backup"
   * @format image-repository
   */
  readonly repository?: string;
  /**
   * Tag; pin it (production refuses `latest`).
   * @format image-tag
   */
  readonly tag: string;
  /**
   * Digest that pins the image (`sha256:…`), so a re-pushed tag can never change what runs.
   * @pattern ^sha256:[a-f0-9]{64}$
   * @errorMessage is not an image digest such as "sha256:" followed by 64 hex digits
   */
  readonly digest?: string;
}

/** S3-compatible object storage the dumps are streamed to. */
export interface BackupObjectStorageSpec {
  /**
   * HTTPS endpoint of the storage, e.g. `https://s3.eu-west-1.amazonaws.com` or `https://minio.example.org:9000`.
   * @pattern ^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$
   * @errorMessage {value} must be an https:// endpoint with a host and an optional port, such as "https://s3.eu-west-1.amazonaws.com"
   */
  readonly endpoint: string;
  /**
   * Bucket the dumps go to (S3 bucket naming: 3 to 63 lower case letters, digits, '.' and '-').
   * @pattern ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$
   * @errorMessage {value} is not an S3 bucket name (3 to 63 lower case letters, digits, '.' and '-')
   */
  readonly bucket: string;
  /**
   * Key prefix of this environment's dumps; each database's dumps are under `<prefix>/<database>/`.
   * Defaults to the environment's name.
   * @pattern ^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$
   * @errorMessage {value} must be path segments of letters, digits, '_', '.' and '-' without a leading or trailing '/'
   */
  readonly prefix?: string;
  /**
   * Region of the bucket (the signature names it; S3-compatible stores usually accept `us-east-1`).
   * @pattern ^[a-z0-9-]{2,32}$
   * @errorMessage {value} is not a region such as "eu-west-1"
   */
  readonly region: string;
  /**
   * Address blocks of the endpoint: the job's NetworkPolicy opens its port (443 unless the endpoint names
   * one) to these and nothing else, since a NetworkPolicy cannot match a host name.
   * @minItems 1
   * @errorMessage must list the endpoint's address blocks, e.g. ["10.60.0.0/24"]
   */
  readonly cidrs: readonly CidrBlock[];
  /** Secret with the keys `access-key-id` and `secret-access-key` of a user that may put objects into the bucket. */
  readonly credentials: SecretRef;
  /** Secret with `ca.crt`, when the endpoint's certificate is issued by a private CA. */
  readonly caCertificate?: SecretRef;
}

/**
 * Logical backups of the MySQL databases: a CronJob per stack that dumps each of its databases with
 * `mysqldump --single-transaction` over verified TLS and streams it, gzip-compressed, to object storage.
 * Cassandra is backed up on its own nodes (docs/runbooks/cassandra-backup.md).
 * @see docs/backups.md
 */
export interface BackupsSpec {
  /**
   * Render the backup CronJobs (WSO2 `apim_db` and `shared_db`; the Axway metrics database).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * When the backups run (a CronJob schedule, in `timeZone`).
   * @default "15 2 * * *"
   * @format cron-schedule
   */
  readonly schedule?: string;
  /**
   * Time zone of `schedule` (CronJob `spec.timeZone`).
   * @default "UTC"
   * @format iana-time-zone
   */
  readonly timeZone?: string;
  /**
   * Days a dump is kept. The bucket enforces it with a lifecycle rule that expires `<prefix>/` after this
   * many days (the job never deletes, so its credentials need no delete right); each run checks that the
   * rule is there and fails, after uploading, when it is not.
   * @default 30
   * @asType integer
   * @minimum 1
   * @maximum 3650
   */
  readonly retentionDays?: number;
  /** Where the dumps go. */
  readonly objectStorage: BackupObjectStorageSpec;
  /** Image with bash, mysqldump 8.4, gzip and the AWS CLI v2. */
  readonly image: BackupImageSpec;
  /**
   * CPU and memory of the backup container (mysqldump, gzip and the streaming upload).
   * @default { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } }
   */
  readonly resources?: ResourcesSpec;
  /**
   * Finished Jobs kept for inspection.
   * @default 3
   * @asType integer
   * @minimum 0
   * @maximum 100
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed Jobs kept for inspection.
   * @default 3
   * @asType integer
   * @minimum 0
   * @maximum 100
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Seconds a run may take before Kubernetes stops it.
   * @default 14400
   * @asType integer
   * @minimum 60
   */
  readonly activeDeadlineSeconds?: number;
}

/** One database a backup job dumps. */
export interface ResolvedBackupDatabase {
  /** Key folder under the prefix, e.g. `apim_db`. */
  readonly key: string;
  readonly host: string;
  readonly port: number;
  /** Database (schema) name. */
  readonly database: string;
  /** Secret with `username` and `password`. */
  readonly credentialsSecret: string;
  /** A verifying mode and the Secret with the server's `ca.crt`. */
  readonly tls: { readonly mode: DatabaseSslMode; readonly caSecret: string };
}

/** One stack's backup CronJob. */
export interface ResolvedBackupJob {
  readonly component: ResolvedComponent;
  readonly databases: readonly ResolvedBackupDatabase[];
}

/** Backups after defaults: the schedule, the storage and a job per stack. */
export interface ResolvedBackups {
  readonly schedule: string;
  readonly timeZone: string;
  readonly retentionDays: number;
  readonly image: string;
  readonly resources: ResourcesSpec;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly activeDeadlineSeconds: number;
  readonly objectStorage: {
    readonly endpoint: string;
    readonly bucket: string;
    readonly prefix: string;
    readonly region: string;
    /** Secret with `access-key-id` and `secret-access-key`. */
    readonly credentialsSecret: string;
    /** Secret with the endpoint's `ca.crt`, when it has a private CA. */
    readonly caSecret?: string;
  };
  readonly jobs: readonly ResolvedBackupJob[];
}

/** Keys of the object storage credentials Secret. */
export const objectStorageCredentialKeys = ['access-key-id', 'secret-access-key'] as const;

/** A database as the stack resolved it, with where its spec lives. */
export interface BackupSource {
  readonly key: string;
  /** Field path of the database's spec, e.g. `wso2.databases.apim`. */
  readonly path: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly credentialsSecret: string;
  readonly tls: ResolvedDatabaseTls;
  /** The spec's `tls`, for the CA reference (the stack declares the CA only for its own readers). */
  readonly tlsSpec?: DatabaseTlsSpec;
  /** The address the stack's NetworkPolicies open for it. */
  readonly connection: ExternalConnection;
}

/** Id of a stack's backup component, which is also the name of its CronJob and ServiceAccount. */
export function backupId(stack: StackId): string {
  return `${stack}-backup`;
}

/** A database's TLS for the dump: verified, with its CA declared for the backup job. */
function backupTls(ctx: StackContext, id: string, source: BackupSource): ResolvedBackupDatabase['tls'] | undefined {
  const { mode } = source.tls;
  if (!verifiesServer(mode)) {
    ctx.checks.issues.add(
      `${source.path}.tls.mode`,
      `is ${quote(mode)}, but backups.enabled dumps databases over verified TLS only; set "VERIFY_IDENTITY" with tls.ca, or turn backups off`,
    );
    return undefined;
  }
  const ca = source.tlsSpec?.ca;
  if (ca === undefined) {
    const path = `${source.path}.tls.ca`;
    if (!ctx.checks.issues.issues.some((i) => i.path === path))
      ctx.checks.issues.add(path, `is required: the backup job verifies the server (${mode}) and needs its CA, e.g. { secretRef: "mysql-ca" } with key ca.crt`);
    return undefined;
  }
  const caSecret = ctx.secrets.use(`${source.path}.tls.ca`, ca, id, ['ca.crt']) ?? '';
  return { mode, caSecret };
}

/**
 * The object storage's endpoint as a NetworkPolicy destination: its CIDRs on the endpoint's port. Without
 * a `host`, which marks the stacks' data stores (the flow proof keeps each stack away from the other's).
 */
function storageConnection(spec: BackupObjectStorageSpec): ExternalConnection {
  const port = new URL(spec.endpoint).port;
  return { what: 'object-storage', port: port === '' ? 443 : Number(port), cidrs: [...spec.cidrs] };
}

/**
 * The backup jobs of an environment: one per stack that has MySQL databases, each reaching exactly its
 * databases on their ports and the object storage. Undefined when backups are off.
 */
export function resolveBackups(
  ctx: StackContext,
  spec: BackupsSpec | undefined,
  sources: Readonly<Partial<Record<StackId, { readonly app: string; readonly databases: readonly BackupSource[] }>>>,
): ResolvedBackups | undefined {
  if (spec?.enabled !== true) return undefined;
  const path = 'backups';
  const image = spec.image;
  if (ctx.env.production && image.tag === 'latest')
    ctx.checks.issues.add(`${path}.image.tag`, 'must be an immutable tag in production, not "latest": a change of image is a new tag and a reviewed rollout');
  checkResources(ctx.checks, `${path}.resources`, spec.resources!);
  const storage = spec.objectStorage;
  const jobs: ResolvedBackupJob[] = [];
  let credentialsSecret = '';
  let caSecret: string | undefined;
  for (const stack of ['wso2', 'axway'] as const) {
    const source = sources[stack];
    if (!source || source.databases.length === 0) continue;
    const id = backupId(stack);
    credentialsSecret = ctx.secrets.use(`${path}.objectStorage.credentials`, storage.credentials, id, objectStorageCredentialKeys) ?? '';
    if (storage.caCertificate) caSecret = ctx.secrets.use(`${path}.objectStorage.caCertificate`, storage.caCertificate, id, ['ca.crt']);
    const databases: ResolvedBackupDatabase[] = [];
    for (const db of source.databases) {
      ctx.secrets.use(`${db.path}.credentials`, { secretRef: db.credentialsSecret }, id, ['username', 'password']);
      const tls = backupTls(ctx, id, db);
      if (tls) databases.push({ key: db.key, host: db.host, port: db.port, database: db.database, credentialsSecret: db.credentialsSecret, tls });
    }
    // Two databases on one server are one destination for the NetworkPolicy.
    const external = [...source.databases.map((d) => d.connection), storageConnection(storage)].filter(
      (c, i, all) => all.findIndex((o) => o.port === c.port && o.cidrs.join() === c.cidrs.join()) === i,
    );
    const component: ResolvedComponent = {
      id,
      stack,
      component: 'backup',
      app: source.app,
      serviceName: id,
      dependsOn: [],
      connects: [],
      external,
      ingressPorts: [],
      metricsPorts: [],
    };
    jobs.push({ component, databases });
  }
  if (jobs.length === 0) ctx.checks.issues.add(`${path}.enabled`, 'is on, but the environment runs no MySQL database to back up; turn it off or add a stack');
  return {
    schedule: spec.schedule!,
    timeZone: spec.timeZone!,
    retentionDays: spec.retentionDays!,
    image: imageRef(ctx.env, { repository: image.repository!, tag: image.tag, ...(image.digest ? { digest: image.digest } : {}) }),
    resources: spec.resources!,
    successfulJobsHistoryLimit: spec.successfulJobsHistoryLimit!,
    failedJobsHistoryLimit: spec.failedJobsHistoryLimit!,
    activeDeadlineSeconds: spec.activeDeadlineSeconds!,
    objectStorage: {
      endpoint: storage.endpoint.replace(/\/$/, ''),
      bucket: storage.bucket,
      prefix: storage.prefix ?? ctx.env.name,
      region: storage.region,
      credentialsSecret,
      ...(caSecret ? { caSecret } : {}),
    },
    jobs,
  };
}
