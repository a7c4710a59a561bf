import type { BufferRef, Instance } from './instance.ts';

/** Tock's error codes (kernel/src/errorcode.rs) that the model can return. */
export type ErrorCode = 'FAIL' | 'INVAL' | 'NOMEM' | 'NOSUPPORT' | 'NODEVICE' | 'ALREADY' | 'UNINSTALLED' | 'CANCEL';

/**
 * What one step did: the result the caller sees, a note for people, and the
 * observations properties judge.
 *
 * `result` is what the syscall returns (`SUCCESS`, `SUCCESS(2)` with a value,
 * or an error code); for kernel steps it names what happened (`UPCALL`,
 * `DROPPED`, `FAULT`...). A step that changes nothing says so in `note`.
 */
export interface Outcome {
  readonly result: string;
  readonly note: string;
  readonly observations: readonly Observation[];
}

/**
 * Facts a design reports about a step, in design-neutral terms, so that one
 * property module judges every design.
 */
export type Observation =
  /** Something meant for instance `intended` reached instance `actual` (judged by stale-generation; a request or response also by delivery, as its witness). */
  | {
      readonly type: 'reached';
      readonly what: 'notification' | 'mapping' | 'pointer' | 'request' | 'response';
      readonly intended: Instance;
      readonly actual: Instance;
    }
  /** The kernel asked `to`'s MPU for a region over `[start, end)` (judged by isolation: nothing beyond it may become accessible). */
  | { readonly type: 'map-request'; readonly to: Instance; readonly start: number; readonly end: number }
  /**
   * A notification, request, response or discovered identifier whose call
   * returned success will never reach the instance `at` it was meant for, though that instance
   * lives on, and its caller gets no error (judged by delivery); `cause`
   * says why.
   */
  | { readonly type: 'lost'; readonly what: 'notification' | 'request' | 'response' | 'identifier'; readonly at: Instance; readonly cause: string }
  /**
   * A response from `from` reached `to` as the answer to `to`'s request
   * now outstanding; `matches` is false when it was produced for an
   * earlier request of `to` (judged by response-matching).
   */
  | { readonly type: 'answered'; readonly to: Instance; readonly from: Instance; readonly matches: boolean }
  /**
   * A server's take of "any next request" took another client's while
   * `waiting`'s request to it waited: the `times`-th time in a row
   * (judged by fairness).
   */
  | { readonly type: 'passed-over'; readonly waiting: Instance; readonly server: Instance; readonly times: number }
  /**
   * A discovery by `by` of `name` returned the instance `found` (null: an
   * error, nothing found); `live` says whether that instance was running
   * then (judged by discovery, with the board's intent: `intendedServer`).
   */
  | { readonly type: 'discovered'; readonly by: Instance; readonly name: string; readonly found: Instance | null; readonly live: boolean }
  /** An upcall ran in `to` carrying a pointer to `buffer` (judged by graceful-exhaustion). */
  | { readonly type: 'handover'; readonly to: Instance; readonly buffer: BufferRef }
  /** `by` touched the byte at `addr`; `allowed` is what the MPU said (judged by isolation, graceful-exhaustion). */
  | { readonly type: 'access'; readonly by: Instance; readonly addr: number; readonly allowed: boolean };

/**
 * What kind of fact an observation is, as designs declare what they emit
 * and properties what they need: its type, and for `reached` and `lost`
 * what reached or was lost.
 */
export type ObservationTag =
  | `reached:${Extract<Observation, { type: 'reached' }>['what']}`
  | `lost:${Extract<Observation, { type: 'lost' }>['what']}`
  | Exclude<Observation['type'], 'reached' | 'lost'>;

/** The tag of an observation. */
export function tagOf(o: Observation): ObservationTag {
  if (o.type === 'reached') return `reached:${o.what}`;
  return o.type === 'lost' ? `lost:${o.what}` : o.type;
}

/** An outcome with no observations. */
export function outcome(result: string, note: string, observations: readonly Observation[] = []): Outcome {
  return { result, note, observations };
}

/**
 * The result without its value, as a design declares it in `results`:
 * `SUCCESS(2)` is `SUCCESS`; every other result is its own code.
 */
export function resultCode(result: string): string {
  const value = result.indexOf('(');
  return value < 0 ? result : result.slice(0, value);
}
