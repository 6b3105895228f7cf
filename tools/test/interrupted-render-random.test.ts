import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KillScenario } from './support/kill-scenario';
import { killAndRecover, killScenario } from './support/kill-scenario';
import { seededRandom } from './support/killed-render';

// The kills at chosen steps are in interrupted-render.test.ts.
describe('a render killed at a random instant leaves the old tree or the new one (invariant 11)', () => {
  let scenario: KillScenario;
  beforeAll(() => {
    scenario = killScenario();
  });
  afterAll(() => scenario?.repo.remove());

  it('after SIGKILLs at 8 random instants of the write window, recovery always gives one of the two trees', async () => {
    const seed = Number(process.env.APIM_KILL_SEED ?? Math.floor(Math.random() * 1e6));
    const random = seededRandom(seed);
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      // The write window lasts about `total` steps of 2 ms pauses; a draw past its end lets the render finish.
      const afterMs = Math.floor(random() * scenario.total * 3);
      seen.push(await killAndRecover(scenario, { afterMs }, i % 4 === 3 ? 'render' : 'check', `seed ${seed}, kill ${i + 1}`));
    }
    console.log(`interrupted renders (seed ${seed}):\n  ${seen.join('\n  ')}`);
    // Each draw lands inside the window about two times in three: eight that all miss it (p ≈ 1.5e-4) would test nothing.
    expect(seen.filter((s) => s.startsWith('killed')).length, `seed ${seed}`).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
