import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { gitOpsDefaults } from '../src/gitops';

const file = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'src', 'gitops.ts');
const source = new Project({ skipAddingFilesFromTsConfig: true }).addSourceFileAtPath(file);

// Which defaults object each documented interface's @default tags describe.
const defaultsOf: Record<string, Record<string, unknown>> = {
  GitOpsSpec: gitOpsDefaults,
  SyncPolicySpec: gitOpsDefaults.syncPolicy,
  RetrySpec: gitOpsDefaults.syncPolicy.retry,
  RetryBackoffSpec: gitOpsDefaults.syncPolicy.retry.backoff,
};

const tags = Object.entries(defaultsOf).flatMap(([name, defaults]) =>
  source
    .getInterfaceOrThrow(name)
    .getProperties()
    .flatMap((p) =>
      p.getJsDocs().flatMap((d) => d.getTags().filter((t) => t.getTagName() === 'default').map((t) => [`${name}.${p.getName()}`, t.getCommentText()!.trim(), defaults[p.getName()]] as const)),
    ),
);

describe('GitOps @default tags', () => {
  it('documents defaults', () => expect(tags.length).toBeGreaterThanOrEqual(10));
  it.each(tags)('%s says %s, as gitOpsDefaults does', (_field, tag, actual) => {
    expect(JSON.parse(tag)).toEqual(actual);
  });
});
