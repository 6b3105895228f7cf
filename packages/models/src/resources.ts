import type { FieldChecks } from './field-checks';
import { quote } from './spec-error';
import { cpuMillis, memoryBytes } from './quantity';

/** CPU and memory for one container, as Kubernetes quantities. */
export interface ResourceAmounts {
  /** CPU, e.g. `500m` or `2`. */
  readonly cpu: string;
  /** Memory, e.g. `512Mi` or `2Gi`. */
  readonly memory: string;
}

/** Requests and limits of one container. */
export interface ResourcesSpec {
  /** What the scheduler reserves; HPA CPU utilisation is measured against `requests.cpu`. */
  readonly requests: ResourceAmounts;
  /** The ceiling; the JVM heap must fit inside `limits.memory`. */
  readonly limits: ResourceAmounts;
}

/** Checks quantities and that every request is within its limit. */
export function checkResources(checks: FieldChecks, path: string, value: ResourcesSpec): void {
  for (const side of ['requests', 'limits'] as const) {
    const amounts = value?.[side];
    if (!checks.object(`${path}.${side}`, amounts)) continue;
    checks.knownKeys(`${path}.${side}`, amounts, ['cpu', 'memory']);
    if (cpuMillis(amounts.cpu) === undefined || cpuMillis(amounts.cpu)! <= 0)
      checks.issues.add(`${path}.${side}.cpu`, `must be a positive CPU quantity such as "500m" or "2" (got ${quote(amounts.cpu)})`);
    if (memoryBytes(amounts.memory) === undefined || memoryBytes(amounts.memory)! <= 0)
      checks.issues.add(`${path}.${side}.memory`, `must be a positive memory quantity such as "512Mi" or "2Gi" (got ${quote(amounts.memory)})`);
  }
  const reqCpu = cpuMillis(value?.requests?.cpu);
  const limCpu = cpuMillis(value?.limits?.cpu);
  if (reqCpu !== undefined && limCpu !== undefined && reqCpu > limCpu)
    checks.issues.add(`${path}.requests.cpu`, `${quote(value.requests.cpu)} is more than the limit ${quote(value.limits.cpu)}`);
  const reqMem = memoryBytes(value?.requests?.memory);
  const limMem = memoryBytes(value?.limits?.memory);
  if (reqMem !== undefined && limMem !== undefined && reqMem > limMem)
    checks.issues.add(`${path}.requests.memory`, `${quote(value.requests.memory)} is more than the limit ${quote(value.limits.memory)}`);
}

/**
 * Checks that a JVM heap of `heapMiB` leaves `headroomMiB` free inside the memory limit,
 * because metaspace, threads and direct buffers live outside the heap.
 */
export function checkHeapFits(
  checks: FieldChecks,
  heapPath: string,
  heapMiB: number,
  limit: string,
  headroomMiB: number,
): void {
  const limitBytes = memoryBytes(limit);
  if (limitBytes === undefined) return;
  const limitMiB = Math.floor(limitBytes / 2 ** 20);
  if (heapMiB + headroomMiB > limitMiB)
    checks.issues.add(
      heapPath,
      `heap ${heapMiB} MiB plus ${headroomMiB} MiB headroom does not fit the memory limit ${quote(limit)} (${limitMiB} MiB); lower the heap or raise the limit to at least ${heapMiB + headroomMiB}Mi`,
    );
}
