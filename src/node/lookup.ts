import * as dns from 'dns';
import type { LookupFunction } from 'net';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Every address a name resolves to; injected so tests can answer with any address they like. */
export type Resolver = (hostname: string, family: 0 | 4 | 6) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (hosts file, DNS), the one Node itself would use. */
export const systemResolver: Resolver = (hostname, family) => dns.promises.lookup(hostname, { all: true, family, verbatim: true });

/** Says why an address must not be connected to, or undefined when it may. */
export type AddressCheck = (address: string, hostname: string) => Error | undefined;

function familyOf(value: unknown): 0 | 4 | 6 {
  return value === 4 || value === 'IPv4' ? 4 : value === 6 || value === 'IPv6' ? 6 : 0;
}

/**
 * A `lookup` for an http(s) Agent: the socket connects only to addresses the check let through.
 * It runs for every connection, with the answer DNS gives at that moment, so a name that answered
 * with a public address once and a private one now (DNS rebinding) is refused now. Every answer
 * is checked, not only the first, so the connection cannot fall back to a refused one.
 */
export function guardedLookup(resolve: Resolver, check: AddressCheck): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, familyOf(options.family)).then(
      (answers) => {
        if (answers.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        for (const answer of answers) {
          const refusal = check(answer.address, hostname);
          if (refusal) {
            callback(refusal, '', 0);
            return;
          }
        }
        if (options.all) {
          callback(null, answers);
        } else {
          callback(null, answers[0].address, answers[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
