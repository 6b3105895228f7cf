// Shared by run.mjs and the environment loader: bundle our own TypeScript (workspace packages
// included), keep every npm package external (kubernetes-models cannot be bundled).
export function keepNpmPackagesExternal() {
  return {
    name: 'keep-npm-packages-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@apim-gitops/')) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}
