import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repositoryRoot } from './temp-repository';

function sources(dir: string): string[] {
  const full = join(repositoryRoot, dir);
  return readdirSync(full).flatMap((entry) => {
    const path = join(full, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sources(relative(repositoryRoot, path));
    return entry.endsWith('.ts') && !entry.endsWith('.test.ts') ? [relative(repositoryRoot, path)] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(repositoryRoot, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

// A project imports only from projects above it: models → renderer → tools; environments and
// the Argo CD app read models only.
const layers: [string, string[]][] = [
  ['packages/models/src', ['@apim-gitops/renderer', '@apim-gitops/tools']],
  ['packages/renderer/src', ['@apim-gitops/tools']],
  ['environments', ['@apim-gitops/renderer', '@apim-gitops/tools']],
];

describe('layers only import downwards', () => {
  it.each(layers)('%s imports none of %j', (dir, forbidden) => {
    for (const file of sources(dir))
      for (const spec of imports(file))
        expect(
          forbidden.some((f) => spec.startsWith(f)),
          `${file} imports ${spec}`,
        ).toBe(false);
  });

  it('models do no I/O', () => {
    for (const file of sources('packages/models/src'))
      for (const spec of imports(file)) expect(/^(node:)?(fs|child_process|net|http|https)(\/|$)/.test(spec), `${file} imports ${spec}`).toBe(false);
  });

  // The writer module: the tree writer and its staging journal.
  const writerModule = ['packages/renderer/src/writer.ts', 'packages/renderer/src/write-journal.ts'];
  it('in the renderer only the writer touches the file system', () => {
    for (const file of sources('packages/renderer/src').filter((f) => !writerModule.includes(f)))
      for (const spec of imports(file)) expect(/^(node:)?(fs|child_process)(\/|$)/.test(spec), `${file} imports ${spec}`).toBe(false);
  });

  it("environment files import nothing but the models, their own folder and, to derive from it, another environment's environment.ts", () => {
    // A derived environment (prod's standby) imports its base whole, never a part of it.
    const base = /^\.\.\/([a-z][-a-z0-9]*)\/environment$/;
    const isBase = (spec: string) => base.test(spec) && existsSync(join(repositoryRoot, 'environments', base.exec(spec)![1]!, 'environment.ts'));
    for (const file of sources('environments'))
      for (const spec of imports(file)) expect(spec === '@apim-gitops/models' || spec.startsWith('./') || isBase(spec), `${file} imports ${spec}`).toBe(true);
  });
});
