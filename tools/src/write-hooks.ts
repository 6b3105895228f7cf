import type { WriteOptions, WriteStep } from '@apim-gitops/renderer';

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Test hooks of the writer, read from the environment, so that a test can stop a real render at
 * a chosen point: `APIM_WRITER_TRACE=1` prints `writer: <phase> <i>/<n>` to stderr after each
 * step, `APIM_WRITER_STEP_DELAY_MS=N` pauses N ms after each step. Neither is for daily use.
 */
export function writeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WriteOptions {
  const trace = env.APIM_WRITER_TRACE === '1';
  const delay = Number(env.APIM_WRITER_STEP_DELAY_MS ?? 0);
  if (!trace && !(delay > 0)) return {};
  return {
    onStep: (step: WriteStep) => {
      if (trace) process.stderr.write(`writer: ${step.phase} ${step.index}/${step.total}\n`);
      if (delay > 0) sleep(delay);
    },
  };
}
