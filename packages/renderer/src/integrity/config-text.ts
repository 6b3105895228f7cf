import type { Manifest } from './integrity-rule';
import { kindName } from './integrity-rule';
import { containersOf, podTemplates } from './workloads';

/** A piece of configuration text that a pod reads, with where it sits, for messages. */
export interface ConfigText {
  /** `Kind/name` of the object holding it. */
  readonly object: string;
  /** The variable or key name (`JVM_MEM_OPTS`, `deployment.toml`). */
  readonly key: string;
  /** Field path of the value, e.g. `spec.template.spec.containers[0].env[3].value` or `data["deployment.toml"]`. */
  readonly at: string;
  readonly text: string;
}

/** Every literal env value of every container, and every ConfigMap data entry. */
export function configTexts(objects: readonly Manifest[]): ConfigText[] {
  const texts: ConfigText[] = [];
  for (const pod of podTemplates(objects))
    for (const at of containersOf(pod))
      for (const [i, env] of ((at.container.env ?? []) as Record<string, any>[]).entries())
        if (typeof env.value === 'string') texts.push({ object: pod.id, key: env.name, at: `${at.path}.env[${i}].value (${env.name})`, text: env.value });
  for (const configMap of objects.filter((o) => o.kind === 'ConfigMap'))
    for (const [key, value] of Object.entries<unknown>(configMap.data ?? {}))
      if (typeof value === 'string') texts.push({ object: kindName(configMap), key, at: `data[${JSON.stringify(key)}]`, text: value });
  return texts;
}

/** `at` plus the 1-based line, for values of more than one line. */
export function lineAt(text: ConfigText, index: number): string {
  if (!text.text.includes('\n')) return text.at;
  return `${text.at} line ${text.text.slice(0, index).split('\n').length}`;
}
