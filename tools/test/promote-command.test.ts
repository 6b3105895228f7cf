import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { perEnvironmentImages, planPromotion } from '../src/promote-command';
import { copyRepository, lintIn } from './temp-repository';

// A stack-parts file shaped like the WSO2/Axway specs that are coming: image tags nested in
// components, comments and odd formatting that must survive. It is not imported by
// environment.ts, so today's models render the environment unchanged.
const images = (gateway: string, controlPlane: string, extra = '') => `/** Images this environment runs. */
export const images = {
  // The gateway follows the control plane within a minor version.
  gateway: { image: { repository: 'wso2/gateway', tag: '${gateway}' } },
  controlPlane: {
    image: {
      repository: "wso2/control-plane",   // double quotes on purpose
      tag: "${controlPlane}",
    },
    replicas: 2, /* not promoted */
  },${extra}
  notAnImage: { tag: 'stays' },
};
`;

let repo: ReturnType<typeof copyRepository>;
const file = (env: string) => join(repo.root, 'environments', env, 'images.ts');

beforeEach(() => {
  repo = copyRepository();
  writeFileSync(file('dev'), images('4.5.1', '4.5.2'));
  writeFileSync(file('prod'), images('4.5.0', '4.5.0'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  repo.remove();
});

describe('promote', () => {
  it('changes exactly the image-tag literals, keeps comments and quotes, and re-renders the target', async () => {
    expect(await main(['promote', '--from', 'dev', '--to', 'prod'], repo.root)).toBe(0);
    expect(readFileSync(file('prod'), 'utf8')).toBe(images('4.5.1', '4.5.2'));
    const printed = vi.mocked(console.log).mock.calls.map((c) => String(c[0]));
    expect(printed).toContain('prod: images.gateway.image.tag 4.5.0 → 4.5.1   (environments/prod/images.ts)');
    expect(printed).toContain('prod: images.controlPlane.image.tag 4.5.0 → 4.5.2   (environments/prod/images.ts)');
    // prod's standby runs prod's images through its import: it is re-rendered with prod, so nothing is stale.
    expect(printed.some((l) => l.startsWith('rendered 2 environment(s)'))).toBe(true);
    expect(printed).toContain('promote: prod-eu-west is derived from prod and re-rendered with it');
    expect(await main(['check'], repo.root)).toBe(0);
  });

  it.each([
    ['--to', ['--from', 'dev', '--to', 'prod-eu-west']],
    ['--from', ['--from', 'prod-eu-west', '--to', 'dev']],
  ])('refuses a derived environment as %s, naming the environment to promote instead', async (flag, args) => {
    expect(await main(['promote', ...args], repo.root)).toBe(1);
    expect(
      vi
        .mocked(console.error)
        .mock.calls.map((c) => String(c[0]))
        .join('\n'),
    ).toContain(
      `promote: ${flag} prod-eu-west: is derived from prod (environments/prod-eu-west/environment.ts: deriveEnvironment), so its image tags are prod's: promote ${flag} prod, and prod-eu-west follows in the same commit`,
    );
  });

  it('finds nothing to do when the tags already match', async () => {
    writeFileSync(file('prod'), images('4.5.1', '4.5.2'));
    // The real stack files carry their own tags: line prod's Axway gateway up with dev's too.
    const axway = (env: string) => join(repo.root, 'environments', env, 'axway.ts');
    const devTag = /tag: '([^']+)'/.exec(readFileSync(axway('dev'), 'utf8'))![1]!;
    writeFileSync(axway('prod'), readFileSync(axway('prod'), 'utf8').replace(/tag: '[^']+'/, `tag: '${devTag}'`));
    expect(await main(['promote', '--from', 'dev', '--to', 'prod', '--only', 'images'], repo.root)).toBe(0);
    expect(vi.mocked(console.log).mock.calls.map((c) => String(c[0]))).toContain("prod: nothing to promote; every image tag already equals dev's");
  });

  it('refuses when the target lacks a path, names it, and leaves every file byte-identical', async () => {
    writeFileSync(file('dev'), images('4.5.1', '4.5.2', "\n  keyManager: { image: { repository: 'wso2/km', tag: '4.5.1' } },"));
    const before = readFileSync(file('prod'), 'utf8');
    expect(() => planPromotion(repo.root, 'dev', 'prod', 'images')).toThrow(
      'environments/prod/images.ts: images.keyManager.image.tag: missing (dev has "4.5.1"); add the field to prod first, then promote',
    );
    expect(await main(['promote', '--from', 'dev', '--to', 'prod'], repo.root)).toBe(1);
    expect(readFileSync(file('prod'), 'utf8')).toBe(before);
  });

  it.each([
    [['promote', '--from', 'dev'], 'promote: give both --from ENV and --to ENV'],
    [['promote', '--from', 'dev', '--to', 'qa'], 'promote: environment "qa" does not exist (environments: dev, prod, prod-eu-west)'],
    [
      ['promote', '--from', 'dev', '--to', 'prod', '--only', 'charts'],
      'promote: --only charts: unknown (choose images, versions, all, or a property path such as axway.images.gateway)',
    ],
  ])('%j fails with a clear message', async (args, message) => {
    expect(await main(args, repo.root)).toBe(1);
    expect(vi.mocked(console.error).mock.calls.map((c) => String(c[0]))).toContain(message);
  });

  it('promotes version fields with --only versions', () => {
    writeFileSync(file('dev'), "export const parts = { cassandra: { version: '4.1.5' } };\n");
    writeFileSync(file('prod'), "export const parts = { cassandra: { version: '4.1.3' } };\n");
    const { texts, promotions } = planPromotion(repo.root, 'dev', 'prod', 'versions');
    expect(promotions).toEqual([{ file: 'images.ts', path: 'parts.cassandra.version', from: '4.1.3', to: '4.1.5' }]);
    expect([...texts.values()]).toEqual(["export const parts = { cassandra: { version: '4.1.5' } };\n"]);
  });
});

describe('promote on the real environments', () => {
  it('carries the Axway gateway tag (images.gateway.tag) from dev to prod and nothing else when --only names it', async () => {
    const axway = (env: string) => readFileSync(join(repo.root, 'environments', env, 'axway.ts'), 'utf8');
    const devTag = /tag: '([^']+)'/.exec(axway('dev'))![1]!;
    const before = axway('prod');
    expect(await main(['promote', '--from', 'dev', '--to', 'prod', '--only', 'axway.images.gateway'], repo.root)).toBe(0);
    expect(axway('prod')).toBe(before.replace(/tag: '[^']+'/, `tag: '${devTag}'`));
    expect(vi.mocked(console.log).mock.calls.map((c) => String(c[0]))).toContain(
      `prod: axway.images.gateway.tag ${/tag: '([^']+)'/.exec(before)![1]} → ${devTag}   (environments/prod/axway.ts)`,
    );
    const lint = lintIn(repo.root, ['environments/prod/axway.ts']);
    expect(lint.status, lint.output).toBe(0);
  });
});

describe('images built per environment', () => {
  const axway = (env: string) => join(repo.root, 'environments', env, 'axway.ts');
  const gatewayTag = (env: string) => /gateway: \{ tag: '([^']+)' \}/.exec(readFileSync(axway(env), 'utf8'))![1]!;

  it('the list follows the models: the Axway gateway image is built per environment with its FED', () => {
    expect(perEnvironmentImages).toEqual(['axway.images.gateway']);
    const spec = readFileSync(join(repo.root, 'packages', 'models', 'src', 'axway', 'spec.ts'), 'utf8');
    expect(spec).toMatch(/Gateway image, built for this environment with its FED/);
  });

  it('promote leaves the Axway gateway image and says so', async () => {
    const prodTag = gatewayTag('prod');
    expect(gatewayTag('dev')).not.toBe(prodTag);
    expect(await main(['promote', '--from', 'dev', '--to', 'prod'], repo.root)).toBe(0);
    expect(gatewayTag('prod')).toBe(prodTag);
    expect(vi.mocked(console.log).mock.calls.map((c) => String(c[0]))).toContain(
      'prod: axway.images.gateway.tag left as it is: built per environment (promote it with --only axway.images.gateway)',
    );
    const { promotions } = planPromotion(repo.root, 'dev', 'prod', 'all');
    expect(promotions.map((p) => p.path)).not.toContain('axway.images.gateway.tag');
  });

  it('--only with its path promotes it, and only it', async () => {
    const before = readFileSync(file('prod'), 'utf8');
    expect(await main(['promote', '--from', 'dev', '--to', 'prod', '--only', 'axway.images.gateway'], repo.root)).toBe(0);
    expect(gatewayTag('prod')).toBe(gatewayTag('dev'));
    expect(readFileSync(file('prod'), 'utf8')).toBe(before);
  });

  it('--only with a path the source lacks fails with a clear message', async () => {
    expect(await main(['promote', '--from', 'dev', '--to', 'prod', '--only', 'axway.images.nothing'], repo.root)).toBe(1);
    expect(vi.mocked(console.error).mock.calls.map((c) => String(c[0]))).toContain(
      'promote: --only axway.images.nothing: dev has no string value at or under that path',
    );
  });
});
