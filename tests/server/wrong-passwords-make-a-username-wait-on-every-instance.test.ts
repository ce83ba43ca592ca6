import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, QUIET_MS, waitAfter } from '../../server/accounts/attempts';
import { streamLog } from '../../server/log';
import { addUser, ENGINES, RawDesk, startTestServer, storage, type StorageHandle, type TestServer } from './harness';

const RIGHT = 'password-1234';
const FREE = DEFAULT_BACKOFF.free;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: { code: string; message: { fa: string; en: string } }; user?: { id: string } };
}

/** Asks one password endpoint by hand, keeping the Retry-After header the RawDesk drops. */
async function ask(url: string, endpoint: 'verify' | 'sign-in', username: string, password: string, clientId = 'desk-guess'): Promise<Answer> {
  const desk = new RawDesk(url, clientId);
  const res = await fetch(`${url}/auth/${endpoint}`, {
    method: 'POST',
    headers: desk.headers(),
    body: JSON.stringify(endpoint === 'verify' ? { username, password } : { username, password, clientId }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
}

describe('the wait after wrong passwords grows and stops growing', () => {
  it('is free for the first few, then doubles from one second, up to five minutes', () => {
    expect([FREE - 1, FREE, FREE + 1, FREE + 2].map((n) => waitAfter(n, DEFAULT_BACKOFF))).toEqual([0, 1000, 2000, 4000]);
    expect(waitAfter(FREE + 40, DEFAULT_BACKOFF)).toBe(DEFAULT_BACKOFF.maxWaitMs);
  });
});

describe.each(ENGINES)('wrong passwords make a username wait (%s)', (engine) => {
  let store: StorageHandle;
  let one: TestServer;
  let two: TestServer;
  let clock = Date.now();
  const lines: string[] = [];

  beforeAll(async () => {
    store = await storage(engine);
    const log = streamLog((l) => void lines.push(l));
    // Two instances on one database: what a restart or a second server sees.
    one = await startTestServer(engine, { store, now: () => clock, log });
    two = await startTestServer(engine, { store, now: () => clock, log });
    for (const name of ['sara', 'reza', 'nima', 'mina', 'omid']) await addUser(one.app, name, ['identities.read'], RIGHT);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await store?.dispose();
  });

  it('after a few wrong passwords the next attempt is 429 with Retry-After, a right one too, and it works after the wait', async () => {
    for (let i = 0; i < FREE; i++) {
      // The username is case-folded: SARA's guesses count against sara.
      expect((await ask(one.url, 'verify', i % 2 ? 'SARA' : 'sara', `guess-${i}`)).status).toBe(401);
    }
    const wrong = await ask(one.url, 'verify', 'sara', 'guess-again');
    const right = await ask(one.url, 'verify', 'sara', RIGHT);
    for (const a of [wrong, right]) {
      expect(a.status).toBe(429);
      expect(a.retryAfter).toBe('1');
    }
    // The answer does not tell a right password from a wrong one.
    expect(right.body).toEqual(wrong.body);
    expect(right.body.error!.code).toBe('too-many-attempts');
    expect(right.body.error!.message.fa).toContain('۱ ثانیهٔ دیگر');
    expect(right.body.error!.message.en).toContain('Try again in 1 seconds');

    clock += 1000;
    expect(await ask(one.url, 'verify', 'sara', RIGHT)).toMatchObject({ status: 200, body: { user: { id: expect.any(String) } } });
    // The right password started the count again: the free attempts are free again.
    for (let i = 0; i < FREE; i++) expect((await ask(one.url, 'verify', 'sara', `guess-${i}`)).status).toBe(401);
    expect((await ask(one.url, 'verify', 'sara', RIGHT)).status).toBe(429);
    clock += 1000;
    expect((await ask(one.url, 'verify', 'sara', RIGHT)).status).toBe(200);
  });

  it('the wait grows with each further wrong password, and sign-in and verify share the count', async () => {
    for (let i = 0; i < FREE; i++) expect((await ask(one.url, i % 2 ? 'sign-in' : 'verify', 'reza', `guess-${i}`)).status).toBe(401);
    expect((await ask(one.url, 'sign-in', 'reza', RIGHT)).retryAfter).toBe('1');
    clock += 1000;
    expect((await ask(one.url, 'sign-in', 'reza', 'guess-late')).status).toBe(401);
    const longer = await ask(one.url, 'sign-in', 'reza', RIGHT);
    expect(longer).toMatchObject({ status: 429, retryAfter: '2' });
    clock += 1000;
    expect((await ask(one.url, 'verify', 'reza', RIGHT)).status).toBe(429); // still a second to go
    clock += 1000;
    expect((await ask(one.url, 'sign-in', 'reza', RIGHT, 'desk-reza')).status).toBe(200);
  });

  it('two instances on one database share the count: guesses split between them still make the name wait on both', async () => {
    for (let i = 0; i < FREE; i++) expect((await ask(i % 2 ? two.url : one.url, 'verify', 'nima', `guess-${i}`)).status).toBe(401);
    expect((await ask(one.url, 'verify', 'nima', RIGHT)).status).toBe(429);
    expect((await ask(two.url, 'sign-in', 'nima', RIGHT)).status).toBe(429);
    clock += 1000;
    expect((await ask(two.url, 'verify', 'nima', RIGHT)).status).toBe(200);
  });

  it('guesses sent side by side cannot all be checked before the first is counted', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(i % 2 ? two.url : one.url, 'verify', 'mina', `guess-${i}`)));
    // At most the free attempts (plus one raced at the edge) are checked; the rest wait.
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(FREE);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(20 - FREE);
    clock += DEFAULT_BACKOFF.maxWaitMs;
  });

  it('right passwords for one name sent side by side, to both instances, all get in', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => ask(i % 2 ? two.url : one.url, 'verify', 'omid', RIGHT)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  });

  it('a name left alone for an hour after its longest wait starts again with its free attempts', async () => {
    // mina was guessed at twenty times above: without the quiet hour she would wait five minutes after one more.
    clock += DEFAULT_BACKOFF.maxWaitMs + QUIET_MS;
    for (let i = 0; i < FREE; i++) expect((await ask(one.url, 'verify', 'mina', `guess-after-${i}`)).status).toBe(401);
    expect((await ask(two.url, 'verify', 'mina', RIGHT)).status).toBe(429);
  });

  it('each refusal is logged with the username and never the password', () => {
    const refusals = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'password check refused: too many wrong attempts');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.some((l) => l.username === 'sara' && l.endpoint === 'verify' && l.seconds === 1)).toBe(true);
    expect(lines.filter((l) => l.includes('wrong password')).length).toBeGreaterThan(0);
    for (const l of lines) expect(l).not.toMatch(/password-1234|guess-/);
  });
});

describe.each(ENGINES)('right passwords sent at once are not taken for guesses (%s)', (engine) => {
  let store: StorageHandle;
  let one: TestServer;
  let two: TestServer;
  // Every reading of the clock a millisecond earlier (clocks of two instances differ that much): an
  // attempt counted by another is then newer than the one that lost the count to it.
  let tick = Date.now();

  beforeAll(async () => {
    store = await storage(engine);
    one = await startTestServer(engine, { store, now: () => tick-- });
    two = await startTestServer(engine, { store, now: () => tick-- });
    await addUser(one.app, 'sara', ['identities.read'], RIGHT);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await store?.dispose();
  });

  it('four sign-ins of one person at once, through both instances, all get in', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => ask(i % 2 ? two.url : one.url, 'sign-in', 'sara', RIGHT, `desk-sara-${i}`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  });
});
