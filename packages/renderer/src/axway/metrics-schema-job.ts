import { Job } from 'kubernetes-models/batch/v1/Job';
import type { ResolvedAxway, ResolvedEnvironment } from '@apim-gitops/models';
import { containerSecurityContext, podSecurityContext } from '../common/pod-security';
import { waitForContainer } from '../common/wait-for';
import { componentLabels } from '../labels';

/** Name of the schema Job. */
export const metricsSchemaJobName = 'axway-metrics-schema';

/**
 * Loads `mysql-analytics.sql` before anything else syncs (an Argo CD PreSync hook). The script has only
 * `CREATE TABLE IF NOT EXISTS`, so the database is created first and the Job can run on every sync.
 * The password reaches the client through `MYSQL_PWD`, never the command line.
 */
export function renderMetricsSchemaJob(env: ResolvedEnvironment, ax: ResolvedAxway): Job | undefined {
  const job = ax.metricsSchemaJob;
  if (!job) return undefined;
  const db = ax.metricsDb;
  const labels = { ...componentLabels(ax.adminNodeManager.component), 'app.kubernetes.io/instance': metricsSchemaJobName, 'app.kubernetes.io/component': 'metrics-schema' };
  const connect = `mysql --host=${db.host} --port=${db.port} --user="$DB_USER"`;
  return new Job({
    metadata: {
      name: metricsSchemaJobName,
      labels,
      annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
    },
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(1000),
          ...(env.images.pullSecret ? { imagePullSecrets: [{ name: env.images.pullSecret }] } : {}),
          initContainers: [waitForContainer({ name: 'metrics-db', host: db.host, port: db.port })],
          containers: [
            {
              name: 'schema',
              image: job.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['sh', '-c', `${connect} -e 'CREATE DATABASE IF NOT EXISTS \`${db.database}\`' && ${connect} ${db.database} < ${job.scriptPath}`],
              env: [
                { name: 'DB_USER', valueFrom: { secretKeyRef: { name: db.credentialsSecret, key: 'username' } } },
                { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: db.credentialsSecret, key: 'password' } } },
              ],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              securityContext: containerSecurityContext(),
            },
          ],
        },
      },
    },
  });
}
