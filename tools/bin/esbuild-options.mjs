// Shared by run.mjs, the render worker and the environment loader: bundle our own TypeScript (workspace packages
// included) and the kubernetes-models packages; keep every other npm package external.
//
// Why kubernetes-models is bundled: a render loads a few hundred of its modules (each kind imports the
// validators of every type it nests), and Node resolving, reading and linking them one by one was most of a
// one-field render (≈0.25 s of ≈0.85 s, measured with the V8 compile cache on); one bundled module costs ≈0.03 s.
// Their own dependencies (ajv, ajv-formats, re2-wasm, which finds its .wasm by __dirname) stay external and
// resolve from node_modules as before. The render keys still cover them: bundle-cache.mjs lists the bundled packages
// with the external ones, and the keys take each one's installed version.
const bundledPackages = /^(kubernetes-models|@kubernetes-models\/[^/]+)(\/|$)/;

function keepNpmPackagesExternal() {
  return {
    name: 'keep-npm-packages-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@apim-gitops/') || bundledPackages.test(args.path)) return undefined;
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
