/**
 * A mistake a command detects itself (a missing flag, an unknown environment or revision): the CLI
 * prints the message alone, without a stack trace, and exits 1.
 */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
