import { v7 as uuidv7 } from 'uuid';

/** Time, ids and randomness are passed into services (STYLE §3); this is the real one. */
export interface Clock {
  now(): number;
  newId(): string;
}

/** UUIDv7 ids: made on the device, so rows created offline need no server, and time-ordered. */
export const systemClock: Clock = {
  now: () => Date.now(),
  newId: () => uuidv7(),
};

/** A clock for tests and replays: time moves only when told. */
export function fixedClock(start: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  let seq = 0;
  return {
    now: () => t,
    newId: () => uuidv7({ msecs: t, seq: seq++ }),
    advance(ms) {
      t += ms;
    },
    set(ms) {
      t = ms;
    },
  };
}
