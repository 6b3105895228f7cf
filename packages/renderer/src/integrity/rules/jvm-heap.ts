import { memoryMiB } from '@apim-gitops/models';
import type { IntegrityRule } from '../integrity-rule';
import { containerLabel, containersOf, podTemplates } from '../workloads';

/**
 * Memory a JVM needs beyond its heap (metaspace, thread stacks, code cache, direct buffers, the
 * native parts of the products). With less, the kernel OOM-kills the container while the heap
 * itself looks healthy. 512 MiB is Axway's documented minimum; WSO2's stricter 1 GiB is a domain
 * rule of its stack in models, this check is the floor every JVM must meet.
 */
export const minimumHeadroomMiB = 512;

/** Heap from `-Xmx<size>` in a JVM options string, in MiB; undefined when there is none. */
export function xmxMiB(options: string): number | undefined {
  const matches = [...options.matchAll(/-Xmx(\d+)([kKmMgG]?)(?=\s|$)/g)];
  const last = matches.at(-1);
  if (!last) return undefined;
  const n = Number(last[1]);
  const unit = last[2]!.toLowerCase();
  return unit === 'g' ? n * 1024 : unit === 'm' ? n : unit === 'k' ? n / 1024 : n / 2 ** 20;
}

/** The heap a container's env sets, with the variable that sets it. */
function heapOf(env: readonly Record<string, any>[]): { mib: number; variable: string } | undefined {
  for (const variable of ['JVM_MEM_OPTS', 'JAVA_OPTS', 'EMT_HEAP_SIZE_MB']) {
    const value = env.find((e) => e.name === variable)?.value;
    if (typeof value !== 'string') continue;
    const mib = variable === 'EMT_HEAP_SIZE_MB' ? (/^\d+$/.test(value.trim()) ? Number(value) : undefined) : xmxMiB(value);
    if (mib !== undefined) return { mib, variable };
  }
  return undefined;
}

/** A JVM heap (`-Xmx` in JVM_MEM_OPTS / JAVA_OPTS, or EMT_HEAP_SIZE_MB) must fit in the container's memory limit with headroom. */
export const jvmHeapRule: IntegrityRule = {
  id: 'jvm-heap',
  description: `a JVM heap (-Xmx in JVM_MEM_OPTS/JAVA_OPTS, EMT_HEAP_SIZE_MB) fits in the memory limit with at least ${minimumHeadroomMiB} MiB headroom`,
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const pod of podTemplates(objects)) {
      for (const at of containersOf(pod)) {
        const heap = heapOf(at.container.env ?? []);
        const limit = memoryMiB(at.container.resources?.limits?.memory);
        if (!heap || limit === undefined) continue;
        const headroom = minimumHeadroomMiB;
        if (heap.mib + headroom > limit)
          findings.push({
            object: pod.id,
            message: `${containerLabel(at)} heap ${heap.mib} MiB (${heap.variable}) leaves ${limit - heap.mib} MiB of the ${limit} MiB memory limit; the JVM needs at least ${headroom} MiB beside the heap: raise the limit to ${heap.mib + headroom}Mi or lower the heap`,
          });
      }
    }
    return findings;
  },
};
