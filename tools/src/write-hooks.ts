import { join } from 'node:path';
import type { WriteOptions, WriteStep } from '@apim-gitops/renderer';

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Test hooks of the writer, read from the environment, so that a test can stop a real render at
 * a chosen point: `APIM_WRITER_TRACE=1` prints `writer: <phase> <i>/<n>` to stderr after each
 * step, `APIM_WRITER_STEP_DELAY_MS=N` pauses N ms after each step, `APIM_WRITER_STOP_AT=N` halts
 * for good after the N-th step (printing `writer: halted`, to be killed there), and
 * `APIM_WRITER_FAULT=ENOSPC@stage:3` fails that step as the file system would (errno ENOSPC on
 * the file it wrote). None is for daily use.
 */
export function writeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WriteOptions {
  const trace = env.APIM_WRITER_TRACE === '1';
  const delay = Number(env.APIM_WRITER_STEP_DELAY_MS ?? 0);
  const stopAt = Number(env.APIM_WRITER_STOP_AT ?? 0);
  const fault = env.APIM_WRITER_FAULT?.match(/^(E[A-Z0-9]+)@(\w+):(\d+)$/);
  if (!trace && !(delay > 0) && !(stopAt > 0) && !fault) return {};
  let steps = 0;
  return {
    onStep: (step: WriteStep) => {
      steps++;
      if (trace) process.stderr.write(`writer: ${step.phase} ${step.index}/${step.total}\n`);
      if (steps === stopAt) {
        process.stderr.write('writer: halted\n');
        for (;;) sleep(60_000);
      }
      if (fault && step.phase === fault[2] && step.index === Number(fault[3]))
        throw Object.assign(new Error(`${fault[1]}: injected fault, write '${step.path}'`), {
          code: fault[1],
          syscall: 'write',
          path: join(process.cwd(), step.path ?? ''),
        });
      if (delay > 0) sleep(delay);
    },
  };
}
