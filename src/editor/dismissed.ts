/** Thrown when the person stopped at a question (a key prompt, a save dialog, the spend limit); nothing was sent. */
export class Dismissed extends Error {
  override name = 'CancellationError';
}
