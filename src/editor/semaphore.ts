/** Bounds how many generations talk to the API at once, so a burst never becomes a retry storm. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: () => number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.limit()) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = this.waiting.indexOf(start);
          if (index >= 0) {
            this.waiting.splice(index, 1);
          }
          reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
        };
        const start = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiting.push(start);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}
