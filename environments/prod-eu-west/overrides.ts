import type { EnvironmentOverrides } from '@apim-gitops/models';

/**
 * What makes production's standby in eu-west differ from prod, and nothing else: its name, the
 * cluster's own networks, the region's data stores and secret store. Everything else (images,
 * sizes, hosts, policies, back ends) is prod's, read through the import in environment.ts, so a
 * change to prod reaches the standby in the same commit. tools/test/disaster-recovery.test.ts
 * holds the rendered difference to exactly these fields; add a field here and to that test's list.
 */
export const regionOverrides = {
  name: 'prod-eu-west',
  standbyFor: 'prod',
  // The same namespace as prod, on another cluster: the pods' certificates are issued for
  // *.apim-prod.svc (backendTls.hostname in prod's stacks), and a failover must not need new ones.
  namespace: 'apim-prod',
  // The region's own store (a replica of prod's Vault), read only by this cluster; keys under prod-eu-west/.
  secrets: { store: { name: 'vault-prod-eu-west' } },
  // The eu-west cluster's pod and Service networks.
  network: { clusterCidrs: ['10.4.0.0/14', '172.21.0.0/16'] },
  // The region's load balancer, for the DNS records of prod's public hosts once this region serves them
  // (while it stands by it renders none: see standbyOverrides).
  dns: { target: 'apim-prod-eu-west-lb.lb.example.org' },
  // The region's own Loki and backup bucket: losing prod's region must not lose the standby's logs and dumps.
  logging: { shipping: { destination: { host: 'loki.eu-west.logging.example.org', cidrs: ['10.61.0.0/24'] } } },
  backups: {
    objectStorage: { endpoint: 'https://s3.eu-west-1.amazonaws.com', bucket: 'apim-backups-prod-eu-west', region: 'eu-west-1', cidrs: ['10.61.1.0/24'] },
  },
  wso2: {
    // One-way MySQL replicas of prod's apim_db and shared_db, promoted to primary on failover.
    databases: {
      apim: { host: 'mysql.prod-eu-west.example.org', cidrs: ['10.130.1.0/24'] },
      shared: { host: 'mysql.prod-eu-west.example.org', cidrs: ['10.130.1.0/24'] },
    },
  },
  axway: {
    // The second datacenter (DC2) of prod's Cassandra cluster: replicated by Cassandra itself.
    cassandra: {
      hosts: ['cassandra-1.eu-west.data.example.org', 'cassandra-2.eu-west.data.example.org', 'cassandra-3.eu-west.data.example.org'],
      cidrs: ['10.130.2.0/24'],
    },
    // The region's own metrics database: the ANM here writes what this region's gateways log.
    metricsDb: { host: 'metrics-db.eu-west.data.example.org', cidrs: ['10.130.3.0/24'] },
  },
} as const satisfies EnvironmentOverrides;

/**
 * While prod serves, WSO2 does not run here: its MySQL replicas are read-only until promoted, and
 * WSO2 supports replicating its databases between regions only for MSSQL, Oracle and PostgreSQL
 * (https://apim.docs.wso2.com/en/4.5.0/install-and-setup/setup/multi-dc-deployment/multi-dc-deployment-patterns-overview/).
 * Axway runs here at prod's size, on its own Cassandra datacenter. See docs/runbooks/disaster-recovery.md.
 *
 * Nor does it publish DNS records while prod serves: prod's external-dns owns the public hosts (its TXT
 * registry records), and a second owner for the same names would either be refused or, sharing prod's
 * owner id, flap the records between the regions. Failover step 5 hands the names over.
 */
export const standbyOverrides = { wso2: null, dns: null } as const satisfies EnvironmentOverrides;
