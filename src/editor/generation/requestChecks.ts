import { checkRequest } from '../../core/spec/validation';

/** The service's one check of a request (core/spec/validation), with a counter the testing API can start. */
export class RequestChecks {
  private counter: { count: number } | undefined;

  readonly check: typeof checkRequest = (...args) => {
    if (this.counter) {
      this.counter.count++;
    }
    return checkRequest(...args);
  };

  /** Test-only: counts the checks from now on (a spy on checkRequest). */
  countFromNow(): { readonly count: number } {
    this.counter = { count: 0 };
    return this.counter;
  }
}
