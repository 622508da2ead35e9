/** A command line the CLIs cannot act on: the entry prints it with a hint and exits 2, not 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
