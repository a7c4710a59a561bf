import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../bench/legacy3-params.ts';
import { legacy3Promela } from '../../bench/promela.ts';
import { parsePan } from '../../bench/spin.ts';

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

describe('legacy3Promela', () => {
  const off = legacy3Promela(DEFAULT_PARAMS, null);

  it('has one d_step per action instance: 8 per client, deliver and restart of the service', () => {
    expect(count(off, /d_step/g)).toBe(8 * DEFAULT_PARAMS.clients + 2);
  });

  it('keeps every field, ghosts included, and asserts nothing with properties off', () => {
    for (const field of ['gen', 'qlen', 'qsender', 'qgen', 'qkind', 'discovered', 'discoveredGen', 'shared', 'region', 'knowsPtr', 'knownClientGen']) {
      expect(off).toMatch(new RegExp(`^(byte|bool|mtype) ${field}\\[`, 'm'));
    }
    expect(off).not.toMatch(/assert|stop/);
  });

  it('stops the trace at every violation and asserts only the checked property', () => {
    const on = legacy3Promela(DEFAULT_PARAMS, 'isolation');
    expect(count(on, /!stop && \(/g)).toBe(8 * DEFAULT_PARAMS.clients + 2);
    // isolation at access(c), graceful-exhaustion at access(c), stale-generation at deliver(c) and at deliver(s) from c
    expect(count(on, /stop = 1/g)).toBe(4 * DEFAULT_PARAMS.clients);
    expect(count(on, /assert\(!stop\)/g)).toBe(DEFAULT_PARAMS.clients);
  });
});

/** What pan 6.5.2 printed for the default params (properties off, -DNOREDUCE). */
const REPORT = `
(Spin Version 6.5.2 -- 6 December 2019)

Full statespace search for:
	never claim         	- (none specified)
	assertion violations	+
	cycle checks       	- (disabled by -DSAFETY)
	invalid end states	+

State-vector 52 byte, depth reached 643, errors: 0
   174550 states, stored
  1515580 states, matched
  1690130 transitions (= stored+matched)
        0 atomic steps
hash conflicts:    143311 (resolved)

pan: elapsed time 0.18 seconds
pan: rate 969722.22 states/second
`;

describe('parsePan', () => {
  it('reads the counts, depth and time of a report', () => {
    expect(parsePan(REPORT)).toEqual({
      stored: 174_550,
      matched: 1_515_580,
      errors: 0,
      errorDepth: null,
      depthReached: 643,
      seconds: 0.18,
    });
  });

  it('reads counts pan prints in %g notation (from 1e8 up), not only their last digits', () => {
    const large = REPORT.replace('  1515580 states, matched', '6.05714e+08 states, matched');
    expect(parsePan(large)).toMatchObject({ stored: 174_550, matched: 605_714_000 });
  });

  it('reads the depth of an assertion failure', () => {
    const failed = REPORT.replace('errors: 0', 'errors: 1').replace('\nState-vector', 'pan:1: assertion violated  !(stop) (at depth 5)\nState-vector');
    expect(parsePan(failed)).toMatchObject({ errors: 1, errorDepth: 5 });
  });

  it('rejects a search cut short by -m', () => {
    expect(() => parsePan(`error: max search depth too small\n${REPORT}`)).toThrow(/cut short/);
  });
});
