// Shared by run.mjs, the render worker and the environment loader: bundle our own TypeScript (workspace packages
// included), keep every npm package external (kubernetes-models cannot be bundled).
function keepNpmPackagesExternal() {
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

// How every bundle of our TypeScript is built (the CLI, the render worker, environment files):
// one ES module for Node 24 (package.json engines), npm packages left to node_modules. It must stay
// ESM: kubernetes-models 5 and the @kubernetes-models 2+/4+/6+ packages are ESM-only (their exports
// have no "require" condition), so a CommonJS bundle could not load them.
export function nodeBundleOptions() {
  return { bundle: true, platform: 'node', format: 'esm', target: 'node24', plugins: [keepNpmPackagesExternal()] };
}
