/**
 * Reports progress on stderr (`label 3/10`) when there is more than one step; stdout stays for
 * results, so piping a command's output is unaffected. On a terminal the line is redrawn in
 * place; in a log (CI) only the last count is written, on a line of its own.
 */
export function progress(label: string, done: number, total: number): void {
  if (total <= 1) return;
  if (process.stderr.isTTY) process.stderr.write(`${label} ${done}/${total}${done === total ? '\n' : '\r'}`);
  else if (done === total) process.stderr.write(`${label} ${done}/${total}\n`);
}
