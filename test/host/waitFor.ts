/**
 * Polls until `probe` returns a value (not undefined/false), for effects the editor applies
 * asynchronously (a panel opening, a document appearing). Fails with `what` after the timeout.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve().then(probe).catch(rethrowUnlessCanceled);
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The editor cancels a provider request (code actions, CodeLenses) when the document or its
 * markers change underneath it, which is exactly when tests poll: such a probe is "not yet".
 */
function rethrowUnlessCanceled(error: unknown): undefined {
  if (error instanceof Error && (error.name === 'Canceled' || error.message === 'Canceled')) {
    return undefined;
  }
  throw error;
}
