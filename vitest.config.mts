import { defineConfig } from 'vitest/config';

// One Vitest project per nx project that owns tests, so that `nx affected -t test` runs only the
// suites a change can break (`vitest run --project <name>`), while `npm test` still runs them all.
const project = (name: string, include: string[]) => ({ extends: true, test: { name, include } });

export default defineConfig({
  test: {
    projects: [
      project('models', ['packages/models/test/**/*.test.ts']),
      project('renderer', ['packages/renderer/test/**/*.test.ts']),
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
