import type { BadInputCase } from '../bad-input-case';
import { replaceOnce } from '../bad-input-case';

const envFile = (edit: (source: string) => string) => ({ 'environment.ts': edit });
const withNamespace = (namespace: string) => envFile(replaceOnce("  name: 'dev',\n", `  name: 'dev',\n  namespace: '${namespace}',\n`));

/** Environments that try to leave their part of the platform; each is refused at the field that tries. */
export const boundaryCases: readonly BadInputCase[] = [
  {
    name: 'the namespace kube-system',
    edits: withNamespace('kube-system'),
    expectPath: 'namespace',
    expectMessage: '"kube-system" is reserved for Kubernetes\' own components (kube-*); leave namespace out (it defaults to "apim-dev")',
  },
  {
    name: "Argo CD's namespace",
    edits: withNamespace('argocd'),
    expectPath: 'namespace',
    expectMessage: '"argocd" is Argo CD\'s own namespace (apps/argocd/gitops.ts: namespace)',
  },
  { name: 'the default namespace', edits: withNamespace('default'), expectPath: 'namespace', expectMessage: '"default" is the cluster\'s shared namespace' },
  { name: 'a namespace outside apim-*', edits: withNamespace('payments'), expectPath: 'namespace', expectMessage: '"payments" does not match "apim-*"' },
  {
    name: "a dev environment naming prod's secret store",
    edits: envFile(replaceOnce("name: 'vault-dev'", "name: 'vault-prod'")),
    expectPath: 'secrets.store.name',
    expectMessage: '"vault-prod" is named for environment prod: dev may read only its own store',
  },
  {
    name: 'a dev environment reading prod/ remote keys',
    edits: envFile(replaceOnce("name: 'vault-dev' },", "name: 'vault-dev' },\n    remoteKeys: { 'wso2-apim-db': 'prod/wso2-apim-db' },")),
    expectPath: 'secrets.remoteKeys.wso2-apim-db',
    expectMessage: '"prod/wso2-apim-db" is outside dev\'s part of the store: remote keys must start with "dev/"',
  },
];
