/** A mistake on the command line. Nothing has been sent when it is thrown. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
