import type { IntegrityRule } from '../integrity-rule';
import { containerLabel, containersOf, podTemplates } from '../workloads';

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const defaultGraceSeconds = 30;

/** Seconds a preStop hook sleeps: a `sleep` action, or every `sleep N` in an exec command. */
export function preStopSleepSeconds(preStop: Record<string, any> | undefined): number {
  if (!preStop) return 0;
  if (typeof preStop.sleep?.seconds === 'number') return preStop.sleep.seconds;
  const command = ((preStop.exec?.command ?? []) as string[]).join(' ');
  return [...command.matchAll(/\bsleep\s+(\d+)\b/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/**
 * The grace period must outlast the preStop sleep: the kubelet counts the hook against the grace
 * period, so a sleep as long as it leaves the process no time to stop cleanly and it is SIGKILLed.
 */
export const preStopGraceRule: IntegrityRule = {
  id: 'prestop-grace',
  description: 'terminationGracePeriodSeconds is longer than every preStop sleep',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const pod of podTemplates(objects)) {
      const grace: number = pod.spec.terminationGracePeriodSeconds ?? defaultGraceSeconds;
      for (const at of containersOf(pod).filter((c) => !c.init)) {
        const sleep = preStopSleepSeconds(at.container.lifecycle?.preStop);
        if (sleep > 0 && !(grace > sleep))
          findings.push({
            object: pod.id,
            message: `${pod.path}.terminationGracePeriodSeconds ${grace} is not longer than the ${sleep} s preStop sleep of ${containerLabel(at)}: the process gets no time to stop`,
          });
      }
    }
    return findings;
  },
};
