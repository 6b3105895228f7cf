import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { gitOpsDefaults } from '../src/gitops';
import { environmentDeliveryDefaults, syncWindowDefaults } from '../src/gitops-delivery';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'src');
const project = new Project({ skipAddingFilesFromTsConfig: true });
const files = { gitops: project.addSourceFileAtPath(join(dir, 'gitops.ts')), delivery: project.addSourceFileAtPath(join(dir, 'gitops-delivery.ts')) };

// Which defaults object each documented interface's @default tags describe, and where it is declared.
const defaultsOf: [keyof typeof files, string, Record<string, unknown>][] = [
  ['gitops', 'GitOpsSpec', gitOpsDefaults],
  ['gitops', 'SyncPolicySpec', gitOpsDefaults.syncPolicy],
  ['gitops', 'RetrySpec', gitOpsDefaults.syncPolicy.retry],
  ['gitops', 'RetryBackoffSpec', gitOpsDefaults.syncPolicy.retry.backoff],
  ['delivery', 'EnvironmentDeliverySpec', environmentDeliveryDefaults],
  ['delivery', 'SyncWindowSpec', syncWindowDefaults],
];

const tags = defaultsOf.flatMap(([file, name, defaults]) =>
  files[file]
    .getInterfaceOrThrow(name)
    .getProperties()
    .flatMap((p) =>
      p.getJsDocs().flatMap((d) => d.getTags().filter((t) => t.getTagName() === 'default').map((t) => [`${name}.${p.getName()}`, t.getCommentText()!.trim(), defaults[p.getName()]] as const)),
    ),
);

describe('GitOps @default tags', () => {
  it('documents defaults', () => expect(tags.length).toBeGreaterThanOrEqual(15));
  it.each(tags)('%s says %s, as gitOpsDefaults does', (_field, tag, actual) => {
    expect(JSON.parse(tag)).toEqual(actual);
  });
});
