/**
 * Reports progress on stderr (`label 3/10`) when there is more than one step; stdout stays for
 * results, so piping a command's output is unaffected.
 */
export function progress(label: string, done: number, total: number): void {
  if (total > 1) process.stderr.write(`${label} ${done}/${total}${done === total ? '\n' : '\r'}`);
}
