import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dev from '../../environments/dev/environment';
import prod from '../../environments/prod/environment';
import { repositoryRoot } from './temp-repository';

interface CustomManager {
  readonly customType: string;
  readonly managerFilePatterns: readonly string[];
  readonly matchStrings: readonly string[];
  readonly datasourceTemplate: string;
  readonly packageNameTemplate: string;
}

const config = JSON.parse(readFileSync(join(repositoryRoot, 'renovate.json'), 'utf8')) as {
  customManagers: CustomManager[];
  packageRules: { matchManagers?: string[]; matchDepNames?: string[]; enabled?: boolean }[];
};

/** A managerFilePatterns entry: `/regex/` is a regular expression, anything else a glob (none used here). */
function filePattern(pattern: string): RegExp {
  if (!pattern.startsWith('/') || !pattern.endsWith('/')) throw new Error(`only /regex/ file patterns are used here, got ${pattern}`);
  return new RegExp(pattern.slice(1, -1));
}

/** Every environment source file, by its path from the repository root. */
function environmentFiles(): string[] {
  return readdirSync(join(repositoryRoot, 'environments'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(repositoryRoot, 'environments', d.name))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `environments/${d.name}/${f}`),
    );
}

/** Every TypeScript file under `dir` (relative to the repository root), recursively. */
function typescriptFiles(dir: string): string[] {
  return readdirSync(join(repositoryRoot, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? typescriptFiles(`${dir}/${d.name}`) : d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : [],
  );
}

/** What Renovate's regex managers extract from one file: where each tag sits, its image and its value. */
function extracted(file: string, text: string): { at: number; depName: string; currentValue: string }[] {
  return config.customManagers
    .filter((m) => m.managerFilePatterns.some((p) => filePattern(p).test(file)))
    .flatMap((m) =>
      m.matchStrings.flatMap((s) =>
        [...text.matchAll(new RegExp(s, 'g'))].map((match) => {
          const currentValue = match.groups!.currentValue!;
          // The tag's offset in the file, to pair each extraction with the tag literal it covers.
          return { at: match.index + match[0].lastIndexOf(currentValue), depName: match.groups!.depName!, currentValue };
        }),
      ),
    );
}

describe('renovate.json', () => {
  const files = environmentFiles();

  it('is a Renovate config with regex managers for the image tags', () => {
    expect(config.customManagers.length).toBeGreaterThan(0);
    for (const m of config.customManagers) {
      expect(m.customType).toBe('regex');
      expect(m.datasourceTemplate).toBe('docker');
    }
  });

  it('matches every image tag written in the environments', () => {
    let tags = 0;
    for (const file of files) {
      const text = readFileSync(join(repositoryRoot, file), 'utf8');
      const found = new Map(extracted(file, text).map((e) => [e.at, e]));
      // Every tag literal, found without Renovate's patterns: a new way of writing one needs a pattern.
      for (const literal of text.matchAll(/\btag:\s*(['"`])([^'"`]*)\1/g)) {
        tags++;
        const at = literal.index + literal[0].indexOf(literal[1]!) + 1;
        expect(found.get(at)?.currentValue, `${file}: the tag ${literal[0]} is not matched by any customManagers pattern`).toBe(literal[2]);
      }
    }
    // dev and prod each name three WSO2 images and the Axway gateway image.
    expect(tags).toBeGreaterThanOrEqual(8);
  });

  it('matches every image default in the models (the tags an environment runs without writing them)', () => {
    const defaults: string[] = [];
    for (const file of typescriptFiles('packages/models/src')) {
      const text = readFileSync(join(repositoryRoot, file), 'utf8');
      const found = new Map(extracted(file, text).map((e) => [e.at, e]));
      // Every @default that names a tag, found without Renovate's patterns.
      for (const line of text.matchAll(/@default \{[^\n]*\btag: "([^"]*)"/g)) {
        const at = line.index + line[0].lastIndexOf(line[1]!);
        expect(found.get(at)?.currentValue, `${file}: ${line[0]} is not matched by any customManagers pattern`).toBe(line[1]);
        defaults.push(found.get(at)!.depName);
      }
    }
    // The precheck, the JDBC client, the log agent, the JMX exporter and the ANM at least.
    expect(defaults).toEqual(expect.arrayContaining(['busybox', 'mysql', 'fluent/fluent-bit', 'jmx-exporter', 'admin-nodemanager']));
  });

  it('looks images up in the registry the environments pull from', () => {
    for (const env of [dev, prod]) {
      for (const m of config.customManagers) expect(m.packageNameTemplate, env.name).toBe(`${env.images.registry}/{{depName}}`);
    }
  });

  it('never proposes an Axway gateway tag, which each environment builds with its own FED', () => {
    const gateway = extracted('environments/prod/axway.ts', readFileSync(join(repositoryRoot, 'environments/prod/axway.ts'), 'utf8'));
    expect(gateway.map((e) => e.depName)).toContain('gateway');
    const rule = config.packageRules.find((r) => r.matchDepNames?.includes('gateway') && r.matchManagers?.includes('custom.regex'));
    expect(rule?.enabled).toBe(false);
  });
});
