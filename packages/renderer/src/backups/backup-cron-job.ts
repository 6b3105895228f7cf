import type { ResolvedBackupJob, ResolvedBackups, ResolvedEnvironment } from '@apim-gitops/models';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IEnvVar, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import type { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { containerSecurityContext, podSecurityContext } from '../common/pod-security';
import { serviceAccount } from '../common/service';
import { schedulingOf } from '../common/spread';
import { componentLabels } from '../labels';
import { backupScript, credentialsDir, databaseCaDir, optionFileDir, storageCaDir } from './backup-script';

/** The user the backup runs as: `nobody`, which needs nothing but the mounted files and the memory folders. */
export const backupUser = 65534;

/** Volumes and mounts of one job: each database's credentials and CA, the storage CA, and two memory folders. */
function filesOf(job: ResolvedBackupJob, backups: ResolvedBackups): { volumes: IVolume[]; mounts: IVolumeMount[] } {
  const volumes: IVolume[] = [];
  const mounts: IVolumeMount[] = [];
  // Readable by the pod's group (fsGroup) only; the option files are made from them at run time.
  const secret = (name: string, secretName: string, keys: readonly string[], mountPath: string) => {
    volumes.push({ name, secret: { secretName, defaultMode: 0o440, items: keys.map((key) => ({ key, path: key })) } });
    mounts.push({ name, mountPath, readOnly: true });
  };
  for (const db of job.databases) {
    secret(`${db.key.replace(/_/g, '-')}-credentials`, db.credentialsSecret, ['username', 'password'], credentialsDir(db));
    secret(`${db.key.replace(/_/g, '-')}-ca`, db.tls.caSecret, ['ca.crt'], databaseCaDir(db));
  }
  if (backups.objectStorage.caSecret) secret('object-storage-ca', backups.objectStorage.caSecret, ['ca.crt'], storageCaDir);
  volumes.push({ name: 'option-files', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }, { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } });
  mounts.push({ name: 'option-files', mountPath: optionFileDir }, { name: 'tmp', mountPath: '/tmp' });
  return { volumes, mounts };
}

/** The job's settings as environment variables: none of them secret, the storage keys by reference. */
function envOf(backups: ResolvedBackups): IEnvVar[] {
  const storage = backups.objectStorage;
  return [
    { name: 'STORAGE_ENDPOINT', value: storage.endpoint },
    { name: 'STORAGE_REGION', value: storage.region },
    { name: 'STORAGE_BUCKET', value: storage.bucket },
    { name: 'STORAGE_PREFIX', value: storage.prefix },
    ...(storage.caSecret ? [{ name: 'STORAGE_CA_BUNDLE', value: `${storageCaDir}/ca.crt` }] : []),
    { name: 'RETENTION_DAYS', value: String(backups.retentionDays) },
    // The AWS CLI reads these two (docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html).
    { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: storage.credentialsSecret, key: 'access-key-id' } } },
    { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: storage.credentialsSecret, key: 'secret-access-key' } } },
    // A read-only root file system: the CLI keeps its cache under HOME.
    { name: 'HOME', value: '/tmp' },
  ];
}

/**
 * One stack's backup CronJob and its ServiceAccount: one run at a time (`Forbid`: a slow dump is never
 * overlapped by the next), one retry for a transient failure, a few finished Jobs kept, non-root on a
 * read-only root file system, the image from the environment's registry.
 */
export function renderBackupCronJob(env: ResolvedEnvironment, backups: ResolvedBackups, job: ResolvedBackupJob): [ServiceAccount, CronJob] {
  const labels = componentLabels(job.component);
  const { volumes, mounts } = filesOf(job, backups);
  return [
    serviceAccount(job.component),
    new CronJob({
      metadata: { name: job.component.id, labels },
      spec: {
        schedule: backups.schedule,
        timeZone: backups.timeZone,
        concurrencyPolicy: 'Forbid',
        // A run that cannot start within an hour of its time is skipped, not started late in the day.
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: backups.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: backups.failedJobsHistoryLimit,
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: 1,
            activeDeadlineSeconds: backups.activeDeadlineSeconds,
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: 'Never',
                serviceAccountName: job.component.id,
                automountServiceAccountToken: false,
                securityContext: podSecurityContext(backupUser, backupUser),
                ...(env.images.pullSecret ? { imagePullSecrets: [{ name: env.images.pullSecret }] } : {}),
                ...schedulingOf(env),
                containers: [
                  {
                    name: 'backup',
                    image: backups.image,
                    imagePullPolicy: 'IfNotPresent',
                    command: ['bash', '-c', backupScript(job.databases)],
                    env: envOf(backups),
                    resources: {
                      requests: { cpu: backups.resources.requests.cpu, memory: backups.resources.requests.memory },
                      limits: { cpu: backups.resources.limits.cpu, memory: backups.resources.limits.memory },
                    },
                    securityContext: { ...containerSecurityContext(), readOnlyRootFilesystem: true },
                    volumeMounts: mounts,
                  },
                ],
                volumes,
              },
            },
          },
        },
      },
    }),
  ];
}

/** Every backup CronJob of the environment; none when backups are off. */
export function renderBackups(env: ResolvedEnvironment): (ServiceAccount | CronJob)[] {
  const backups = env.backups;
  if (!backups) return [];
  return backups.jobs.flatMap((job) => renderBackupCronJob(env, backups, job));
}
