import { defineConfig } from 'vitest/config';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

// The end-to-end files that run longest (they start real renders, kills and type-checks), first: Vitest
// orders files it has no timings for (a fresh clone, CI) by size, which put the small kill test last and
// left one worker running it alone at the end. Only an order: a file missing here just runs in size order.
const longestFirst = [
  'tools/test/interrupted-render.test.ts',
  'tools/test/interrupted-render-random.test.ts',
  'tools/test/nx-affected.test.ts',
  'tools/test/promote-command.test.ts',
  'tools/test/diff-command.test.ts',
  'tools/test/validate/validate-command.test.ts',
  'tools/test/render-skip.test.ts',
  'tools/test/environment-removal.test.ts',
  'tools/test/render-lock.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = longestFirst.findIndex((path) => file.moduleId.endsWith(path));
      return at < 0 ? longestFirst.length : at;
    };
    // The CLI's suite before the pure ones, whose quick files then fill the workers' last minutes.
    const suite = (file: TestSpecification) => (file.project.name === 'tools' ? 0 : 1);
    return [...(await super.sort(files))].sort((a, b) => suite(a) - suite(b) || rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: LongestFirst },
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
