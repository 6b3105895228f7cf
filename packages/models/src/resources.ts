import type { FieldChecks } from './field-checks';
import { quote } from './spec-error';
import { cpuMillis, memoryBytes } from './quantity';

/** CPU and memory for one container, as Kubernetes quantities. */
export interface ResourceAmounts {
  /**
   * CPU, e.g. `500m` or `2`.
   * @format cpu-quantity
   */
  readonly cpu: string;
  /**
   * Memory, e.g. `512Mi` or `2Gi`.
   * @format memory-quantity
   */
  readonly memory: string;
}

/** Requests and limits of one container. */
export interface ResourcesSpec {
  /** What the scheduler reserves; HPA CPU utilisation is measured against `requests.cpu`. */
  readonly requests: ResourceAmounts;
  /** The ceiling; the JVM heap must fit inside `limits.memory`. */
  readonly limits: ResourceAmounts;
}

/** Checks that every request is within its limit (the schema has checked each quantity). */
export function checkResources(checks: FieldChecks, path: string, value: ResourcesSpec): void {
  const reqCpu = cpuMillis(value.requests.cpu);
  const limCpu = cpuMillis(value.limits.cpu);
  if (reqCpu !== undefined && limCpu !== undefined && reqCpu > limCpu)
    checks.issues.add(`${path}.requests.cpu`, `${quote(value.requests.cpu)} is more than the limit ${quote(value.limits.cpu)}`);
  const reqMem = memoryBytes(value.requests.memory);
  const limMem = memoryBytes(value.limits.memory);
  if (reqMem !== undefined && limMem !== undefined && reqMem > limMem)
    checks.issues.add(`${path}.requests.memory`, `${quote(value.requests.memory)} is more than the limit ${quote(value.limits.memory)}`);
}

/**
 * Checks that a JVM heap of `heapMiB` leaves `headroomMiB` free inside the memory limit,
 * because metaspace, threads and direct buffers live outside the heap.
 */
export function checkHeapFits(checks: FieldChecks, heapPath: string, heapMiB: number, limit: string, headroomMiB: number): void {
  const limitBytes = memoryBytes(limit);
  if (limitBytes === undefined) return;
  const limitMiB = Math.floor(limitBytes / 2 ** 20);
  if (heapMiB + headroomMiB > limitMiB)
    checks.issues.add(
      heapPath,
      `heap ${heapMiB} MiB plus ${headroomMiB} MiB headroom does not fit the memory limit ${quote(limit)} (${limitMiB} MiB); lower the heap or raise the limit to at least ${heapMiB + headroomMiB}Mi`,
    );
}
