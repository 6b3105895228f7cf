import { defineGitOps } from '@apim-gitops/models';

// How Argo CD reaches this repository and where it deploys each environment. Rendered into
// apps/argocd/manifests by `npx nx run render`; see apps/argocd/README.md.
export default defineGitOps({
  repoURL: 'https://git.example.org/platform/apim-gitops.git',
  targetRevision: 'main',
});
