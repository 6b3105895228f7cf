import type { IContainer, IVolume } from 'kubernetes-models/v1';
import type { ResolvedAxway, ResolvedEnvironment } from '@apim-gitops/models';
import { schemaCheckContainer } from '../common/schema-check';
import { axwayPorts } from '@apim-gitops/models';
import type { WaitTarget } from '../common/wait-for';
import { waitForContainer } from '../common/wait-for';

// The reference architecture's Helm charts check these preconditions in init containers, in this order:
// datastores first, then the in-cluster components each pod registers with or must not race.

function cassandraTargets(ax: ResolvedAxway): WaitTarget[] {
  return ax.cassandra.hosts.map((host, i) => ({ name: `cassandra-${i + 1}`, host, port: ax.cassandra.port }));
}

function metricsDbTarget(ax: ResolvedAxway): WaitTarget {
  return { name: 'metrics-db', host: ax.metricsDb.host, port: ax.metricsDb.port };
}

function anmTarget(ax: ResolvedAxway): WaitTarget {
  return { name: 'anm', host: ax.adminNodeManager.component.serviceName, port: axwayPorts.adminNodeManager };
}

/** What each pod waits for, in order. */
export function precheckTargets(ax: ResolvedAxway, pod: 'anm' | 'api-manager' | 'traffic'): WaitTarget[] {
  switch (pod) {
    case 'anm':
      return [metricsDbTarget(ax)];
    case 'api-manager':
      return [...cassandraTargets(ax), metricsDbTarget(ax), anmTarget(ax)];
    case 'traffic':
      // Waiting for the API Manager keeps traffic pods from racing its first-start table creation.
      return [
        ...cassandraTargets(ax),
        metricsDbTarget(ax),
        anmTarget(ax),
        { name: 'api-manager', host: ax.apiManager.component.serviceName, port: axwayPorts.apiManager },
      ];
  }
}

/**
 * The init containers of one pod, and the volumes they need. In production the metrics database
 * check queries a table of `mysql-analytics.sql`, so a pod says "schema missing" instead of failing
 * deep inside the ANM.
 */
export function prechecks(
  env: ResolvedEnvironment,
  ax: ResolvedAxway,
  pod: 'anm' | 'api-manager' | 'traffic',
): { containers: IContainer[]; volumes: IVolume[] } {
  const check = ax.metricsSchemaCheck;
  const containers: IContainer[] = [];
  const volumes: IVolume[] = [];
  for (const target of precheckTargets(ax, pod)) {
    if (!check || target.name !== 'metrics-db') {
      containers.push(waitForContainer(target, env.images.precheck));
      continue;
    }
    const schema = schemaCheckContainer(
      {
        name: 'metrics-db-schema',
        host: target.host,
        port: target.port,
        database: ax.metricsDb.database,
        table: check.table,
        credentialsSecret: ax.metricsDb.credentialsSecret,
        remedy: 'load mysql-analytics.sql from the Docker scripts into it, or set axway.metricsSchemaJob.enabled',
        tls: ax.metricsDb.tls,
      },
      check.image,
    );
    containers.push(schema.container);
    if (schema.volume) volumes.push(schema.volume);
  }
  return { containers, volumes };
}
