import { defineGitOps } from '@apim-gitops/models';

// How Argo CD reaches this repository, where it deploys each environment and what the
// environments' projects allow. Rendered into apps/argocd/bootstrap (applied by an administrator)
// and apps/argocd/manifests (synced by the root Application) by `npx nx run render`; see
// apps/argocd/README.md. Changes here need the platform team's approval (.github/CODEOWNERS).
// No automated sync of production over the weekend (Friday 18:00 to Monday 08:00 UTC); an on-call
// engineer can still sync by hand. A merge to main during the window reaches production when it
// closes. The standby in eu-west keeps the same freeze (it is production too); a failover is a
// sync by hand, which the window allows (docs/runbooks/disaster-recovery.md).
const productionFreeze = [{ kind: 'deny', schedule: '0 18 * * 5', duration: '62h', timeZone: 'UTC', manualSync: true }] as const;

export default defineGitOps({
  repoURL: 'https://git.example.org/platform/apim-gitops.git',
  targetRevision: 'main',
  // The namespaced kinds the renderer makes today. A render that makes another kind fails and
  // names it; add the kind here only when the environments' projects should allow it (e.g.
  // { group: 'bitnami.com', kind: 'SealedSecret' } before an environment switches to sealed-secrets).
  namespacedKinds: [
    { group: '', kind: 'ConfigMap' },
    { group: '', kind: 'PersistentVolumeClaim' },
    { group: '', kind: 'Service' },
    { group: '', kind: 'ServiceAccount' },
    { group: 'apps', kind: 'Deployment' },
    { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
    { group: 'batch', kind: 'Job' },
    // The database backups (backups.enabled).
    { group: 'batch', kind: 'CronJob' },
    // DNS records of the public hosts (dns), which external-dns reads with --source=crd.
    { group: 'externaldns.k8s.io', kind: 'DNSEndpoint' },
    { group: 'external-secrets.io', kind: 'ExternalSecret' },
    // Traffic entry on Gateway API, and Envoy Gateway's listener and access policies.
    { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
    { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
    { group: 'gateway.networking.k8s.io', kind: 'BackendTLSPolicy' },
    { group: 'gateway.envoyproxy.io', kind: 'ClientTrafficPolicy' },
    { group: 'gateway.envoyproxy.io', kind: 'SecurityPolicy' },
    // Scrape targets and alerts for the cluster's Prometheus Operator (monitoring.prometheusOperator).
    { group: 'monitoring.coreos.com', kind: 'PodMonitor' },
    { group: 'monitoring.coreos.com', kind: 'PrometheusRule' },
    { group: 'networking.k8s.io', kind: 'Ingress' },
    { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
    { group: 'policy', kind: 'PodDisruptionBudget' },
  ],
  // Production's standby runs in another region, on a cluster of its own (registered in Argo CD).
  clusters: { 'prod-eu-west': 'https://prod-eu-west.k8s.example.org:6443' },
  environments: {
    prod: { syncWindows: productionFreeze },
    'prod-eu-west': { syncWindows: productionFreeze },
  },
  // This Argo CD runs only apim-gitops: an Application naming the `default` project gets nothing.
  restrictDefaultProject: true,
});
