/** What sizes the shared events volume. */
export interface EventsSizing {
  /** The FED's Transaction Event Log `max_disk_space` per gateway, in GB. */
  readonly maxDiskGb: number;
  /** The most traffic pods that can run: the HPA maximum, or the replicas without an HPA. */
  readonly maxTrafficReplicas: number;
  /** API Manager pods; each is a gateway instance writing its own event log too. */
  readonly apiManagerReplicas: number;
}

/**
 * Size of the events claim in GiB: `max_disk × max gateway replicas + 1 GB` (Axway reference
 * architecture), where every API Manager pod counts as one more gateway because it also writes events.
 * Rounded up to whole GiB; a GiB is larger than a GB, so the rounding never leaves less than the formula.
 */
export function eventsVolumeGi(sizing: EventsSizing): number {
  return Math.ceil(sizing.maxDiskGb * (sizing.maxTrafficReplicas + sizing.apiManagerReplicas) + 1);
}
