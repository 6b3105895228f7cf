import { defineConfig } from 'vitest/config';

// One Vitest project per nx project that owns tests, so that `nx affected -t test` runs only the
// suites a change can break (`vitest run --project <name>`), while `npm test` still runs them all.
const project = (name: string, include: string[], isolate = true) => ({ extends: true, test: { name, include, isolate } });

export default defineConfig({
  test: {
    projects: [
      // The models' and the renderer's tests are pure functions over objects in memory: their files share a
      // worker's modules (isolate: false), since importing kubernetes-models afresh per file was 82% of
      // their time (19 s to 4.6 s for both suites). The CLI's tests keep one module graph per file: they
      // change process.env and module state (the loader worker, the render lock).
      project('models', ['packages/models/test/**/*.test.ts'], false),
      project('renderer', ['packages/renderer/test/**/*.test.ts'], false),
      // The CLI end to end over this repository's environments, deploy/ and apps/.
      project('tools', ['tools/test/**/*.test.ts', 'apps/*/test/**/*.test.ts']),
    ],
    // Tests build real overlays with kubectl and write temporary trees; two workers fit two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
