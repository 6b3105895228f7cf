import { describe, expect, it } from 'vitest';
import { diffEnvironment, diffEnvironments, diffFields, formatMarkdown, formatSummary, formatValue } from '../src/object-diff';

const secret = (name: string, interval: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name, namespace: 'apim-dev', labels: { 'app.kubernetes.io/name': name } },
  spec: { refreshInterval: interval, data: [{ secretKey: 'a', remoteRef: { key: 'dev/a' } }], ...extra },
});

describe('diffFields', () => {
  it.each([
    ['a changed leaf', { a: 1 }, { a: 2 }, [{ path: 'a', before: 1, after: 2 }]],
    ['an added key', { a: 1 }, { a: 1, b: 'x' }, [{ path: 'b', before: undefined, after: 'x' }]],
    ['a removed array item', { l: [1, 2] }, { l: [1] }, [{ path: 'l[1]', before: 2, after: undefined }]],
    [
      'a key with dots and slashes',
      { m: { 'app.kubernetes.io/name': 'x' } },
      { m: { 'app.kubernetes.io/name': 'y' } },
      [{ path: 'm["app.kubernetes.io/name"]', before: 'x', after: 'y' }],
    ],
    ['a type change', { a: { b: 1 } }, { a: 'flat' }, [{ path: 'a', before: { b: 1 }, after: 'flat' }]],
    ['equal values', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
  ])('reports %s', (_, before, after, expected) => {
    expect(diffFields(before as never, after as never)).toEqual(expected);
  });
});

describe('diffEnvironment', () => {
  it('names added, removed and changed objects with their changed fields', () => {
    const d = diffEnvironment('dev', [secret('a', '1h'), secret('gone', '1h')], [secret('a', '5m'), secret('new', '1h')]);
    expect(d).toEqual({
      env: 'dev',
      status: 'changed',
      added: ['ExternalSecret/apim-dev/new'],
      removed: ['ExternalSecret/apim-dev/gone'],
      changed: [{ object: 'ExternalSecret/apim-dev/a', fields: [{ path: 'spec.refreshInterval', before: '1h', after: '5m' }] }],
    });
  });

  it('reports an environment that exists on one side only as added or removed', () => {
    const summary = diffEnvironments(new Map([['old', [secret('a', '1h')]]]), new Map([['new', [secret('a', '1h')]]]));
    expect(summary.environments.map((e) => [e.env, e.status, e.added, e.removed])).toEqual([
      ['new', 'added', ['ExternalSecret/apim-dev/a'], []],
      ['old', 'removed', [], ['ExternalSecret/apim-dev/a']],
    ]);
  });

  it('says unchanged when the objects are equal, whatever their order', () => {
    expect(diffEnvironment('dev', [secret('a', '1h'), secret('b', '1h')], [secret('b', '1h'), secret('a', '1h')]).status).toBe('unchanged');
  });
});

describe('formatting', () => {
  it('keeps short values inline and elides long ones with their size', () => {
    expect(formatValue('4.5.1')).toBe('"4.5.1"');
    expect(formatValue(undefined)).toBe('(none)');
    const long = formatValue('x'.repeat(600));
    expect(long.length).toBeLessThan(90);
    expect(long).toContain('(602 chars)');
  });

  it('prints one line per object and per changed field, then a count', () => {
    const text = formatSummary(diffEnvironments(new Map([['dev', [secret('a', '1h')]]]), new Map([['dev', [secret('a', '5m')]]])));
    expect(text.split('\n')).toEqual([
      'dev: 0 added, 0 removed, 1 changed',
      '  ~ ExternalSecret/apim-dev/a',
      '      spec.refreshInterval: "1h" → "5m"',
      'diff: 1 of 1 environment(s) changed, 1 object(s) differ',
    ]);
  });

  it('writes a Markdown table row per changed field, escaping pipes', () => {
    const md = formatMarkdown(diffEnvironments(new Map([['dev', [secret('a', 'a|b')]]]), new Map([['dev', [secret('a', '5m')]]])), 'origin/main');
    expect(md).toContain('### dev');
    expect(md).toContain('| `ExternalSecret/apim-dev/a` | `spec.refreshInterval` | `"a\\|b"` | `"5m"` |');
  });

  it('puts a removed environment first and loudly, in the text and in the Markdown', () => {
    const before = new Map([
      ['dev', [secret('a', '1h')]],
      ['prod', [secret('a', '1h')]],
      ['(argocd)', [secret('app', '1h')]],
    ]);
    const after = new Map([['dev', [secret('a', '5m')]]]);
    const summary = diffEnvironments(before, after);
    const text = formatSummary(summary).split('\n');
    expect(text[0]).toBe('!! environment prod is removed: Argo CD will delete everything it runs');
    expect(text.filter((l) => l.startsWith('!!'))).toHaveLength(1);
    expect(text.findIndex((l) => l.startsWith('prod: environment removed'))).toBeLessThan(text.findIndex((l) => l.startsWith('dev:')));
    const md = formatMarkdown(summary, 'origin/main').split('\n');
    expect(md[0]).toBe('> **!! environment prod is removed: Argo CD will delete everything it runs**');
    expect(md.indexOf('### prod (environment removed)')).toBeLessThan(md.indexOf('### dev'));
  });

  it('prints no warning when no environment disappears', () => {
    const summary = diffEnvironments(
      new Map([['dev', [secret('a', '1h')]]]),
      new Map([
        ['dev', [secret('a', '5m')]],
        ['qa', [secret('a', '1h')]],
      ]),
    );
    expect(formatSummary(summary)).not.toContain('!!');
    expect(formatMarkdown(summary)).not.toContain('!!');
  });
});

describe('a diff a reviewer can approve from', () => {
  const toml = (host: string) =>
    [
      '[server]',
      'hostname = "am.dev.example.org"',
      '',
      '[database.apim_db]',
      'type = "mysql"',
      `url = "jdbc:mysql://${host}:3306/apim_db?sslMode=REQUIRED"`,
      'username = "$env{APIM_DB_USER}"',
      '',
      '[database.shared_db]',
      'type = "mysql"',
      '',
    ].join('\n');
  const configMap = (host: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'wso2-control-plane-config', namespace: 'apim-dev' },
    data: { 'deployment.toml': toml(host) },
  });
  const deployment = (env: { name: string; value: string }[]) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'gw', namespace: 'apim-dev' },
    spec: {
      template: {
        spec: { containers: [{ name: 'gw', image: `registry.example.org/axway/apigw:7.7.0.20240830-4-BN0145-prod.42@sha256:${'a'.repeat(64)}`, env }] },
      },
    },
  });

  it('changing one WSO2 database host shows the old and the new TOML line', () => {
    const summary = diffEnvironments(new Map([['dev', [configMap('mysql-a.dev.example.org')]]]), new Map([['dev', [configMap('mysql-b.dev.example.org')]]]));
    const [field] = summary.environments[0]!.changed[0]!.fields;
    expect(field!.path).toBe('data["deployment.toml"]');
    expect(field!.lines!.filter((l) => /^[-+]/.test(l))).toEqual([
      '-url = "jdbc:mysql://mysql-a.dev.example.org:3306/apim_db?sslMode=REQUIRED"',
      '+url = "jdbc:mysql://mysql-b.dev.example.org:3306/apim_db?sslMode=REQUIRED"',
    ]);
    const text = formatSummary(summary);
    expect(text).toContain('      data["deployment.toml"]: 11 → 11 lines, 1 removed, 1 added:');
    expect(text).toContain('        -url = "jdbc:mysql://mysql-a.dev.example.org:3306/apim_db?sslMode=REQUIRED"');
    expect(text).toContain('        +url = "jdbc:mysql://mysql-b.dev.example.org:3306/apim_db?sslMode=REQUIRED"');
    expect(text).toContain('         type = "mysql"');
    const md = formatMarkdown(summary);
    expect(md).toContain('```diff\n@@ -4,5 +4,5 @@\n [database.apim_db]\n type = "mysql"\n-url = "jdbc:mysql://mysql-a.dev.example.org');
  });

  it('removing one item of a named list shows one removal', () => {
    const env = [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
      { name: 'C', value: '3' },
    ];
    const fields = diffFields(deployment(env) as never, deployment([env[0]!, env[2]!]) as never);
    expect(fields).toEqual([{ path: 'spec.template.spec.containers[name=gw].env[name=B]', before: { name: 'B', value: '2' }, after: undefined }]);
  });

  it('matches named items by name, reports a reorder once, and falls back to positions without unique names', () => {
    expect(
      diffFields(
        {
          l: [
            { name: 'a', v: 1 },
            { name: 'b', v: 1 },
          ],
        },
        {
          l: [
            { name: 'b', v: 2 },
            { name: 'a', v: 1 },
          ],
        },
      ),
    ).toEqual([
      { path: 'l[name=b].v', before: 1, after: 2 },
      { path: 'l(order)', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
    expect(diffFields({ l: [{ name: 'a' }, { name: 'a' }] }, { l: [{ name: 'a' }] })).toEqual([{ path: 'l[1]', before: { name: 'a' }, after: undefined }]);
  });

  it('shows full image references, never cut in the middle', () => {
    const image = `registry.example.org/axway/apigw:7.7.0.20240830-4-BN0145-prod.42@sha256:${'a'.repeat(64)}`;
    expect(formatValue(image)).toBe(JSON.stringify(image));
  });

  it('caps the Markdown under 65,536 characters with a note that the full diff is in the artifact', () => {
    const many = Array.from({ length: 3000 }, (_, i) => secret(`s${i}`, '1h'));
    const changed = many.map((o) => ({ ...o, spec: { ...o.spec, refreshInterval: '5m' } }));
    const summary = diffEnvironments(new Map([['dev', many]]), new Map([['dev', changed]]));
    const md = formatMarkdown(summary, 'origin/main', { truncatedNote: "The full diff is in the job's artifact." });
    expect(md.length).toBeLessThan(65_536);
    expect(md.trimEnd().endsWith("The full diff is in the job's artifact.")).toBe(true);
    expect(formatMarkdown(summary, 'origin/main', { limit: Number.POSITIVE_INFINITY }).length).toBeGreaterThan(65_536);
    const fenced = formatMarkdown(
      diffEnvironments(new Map([['dev', [configMap('a')]]]), new Map([['dev', [{ ...configMap('b'), data: { 'deployment.toml': `${'x\n'.repeat(5000)}` } }]]])),
      'base',
      { limit: 2000 },
    );
    expect(fenced.length).toBeLessThanOrEqual(2000);
    expect(fenced.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
  });
});
