import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PokeFrame } from '../../db/sync/protocol';
import { addUser, FULL, RawDesk, rowId, startTestServer, storage, type StorageHandle, type TestServer } from './harness';

const person = (name: string) => ({ kind: 'person', first_name: name, display_name: name, sort_key: name });

/** A desk's poke socket: resolves the next poke whose head reaches `atLeast`. */
function pokes(desk: RawDesk): Promise<{ next(atLeast: number): Promise<number>; close(): void }> {
  const url = desk.url.replace(/^http/, 'ws') + '/sync/poke';
  const ws = new WebSocket(url, { headers: desk.headers() });
  const heads: number[] = [];
  const waiters: { atLeast: number; resolve: (h: number) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as PokeFrame;
    heads.push(frame.head);
    for (const w of [...waiters]) {
      if (frame.head >= w.atLeast) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame.head);
      }
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        next: (atLeast) =>
          new Promise<number>((res, rej) => {
            const seen = heads.find((h) => h >= atLeast);
            if (seen !== undefined) return res(seen);
            const timer = setTimeout(() => rej(new Error(`no poke reaching ${atLeast}; saw ${heads.join(',')}`)), 10_000);
            waiters.push({ atLeast, resolve: (h) => (clearTimeout(timer), res(h)) });
          }),
        close: () => ws.close(),
      }),
    );
  });
}

describe('scale-out: two server instances on one PostgreSQL', () => {
  let store: StorageHandle;
  let one: TestServer;
  let two: TestServer;

  beforeAll(async () => {
    store = await storage('postgres');
    one = await startTestServer('postgres', { store });
    two = await startTestServer('postgres', { store });
    await addUser(one.app, 'sara', FULL);
    await addUser(two.app, 'reza', FULL);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await store?.dispose();
  });

  it('a change accepted by one instance pokes the desks connected to the other, which pull it there', async () => {
    const sara = new RawDesk(one.url, 'desk-sara');
    const reza = new RawDesk(two.url, 'desk-reza');
    await sara.signIn('sara');
    await reza.signIn('reza'); // users made on either instance sign in on the other
    const socket = await pokes(reza);
    try {
      const id = rowId();
      const [r] = await sara.push([sara.change('identities', id, 'insert', person('هر دو'))]);
      if (r!.status !== 'accepted') throw new Error(JSON.stringify(r));
      expect(await socket.next(r!.seq)).toBeGreaterThanOrEqual(r!.seq);
      expect((await reza.pullAll()).some((c) => c.rowId === id && c.seq === r!.seq)).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('numbers concurrent pushes to both instances without gaps or repeats', async () => {
    const sara = new RawDesk(one.url, 'desk-sara-2');
    const reza = new RawDesk(two.url, 'desk-reza-2');
    await sara.signIn('sara');
    await reza.signIn('reza');
    const start = (await sara.pull(0, 1)).head;
    const batches = Array.from({ length: 10 }, (_, i) => {
      const desk = i % 2 === 0 ? sara : reza;
      return desk.push(Array.from({ length: 50 }, () => desk.change('identities', rowId(), 'insert', person(`p${i}`))));
    });
    const results = (await Promise.all(batches)).flat();
    const seqs = results.map((r) => (r.status === 'accepted' ? r.seq : -1)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 500 }, (_, i) => start + 1 + i));
    const pulled = await sara.pullAll(start);
    expect(pulled.map((c) => c.seq)).toEqual(seqs);
  });

  it('edits of the same rows pushed at once through both instances each keep their field: no merge is lost', async () => {
    const sara = new RawDesk(one.url, 'desk-sara-3');
    const reza = new RawDesk(two.url, 'desk-reza-3');
    await sara.signIn('sara');
    await reza.signIn('reza');
    const ids = Array.from({ length: 40 }, () => rowId());
    await sara.push(ids.map((id) => sara.change('identities', id, 'insert', person('پیش از ویرایش'))));
    // Each desk writes its own field of every row, both batches in flight together, a few rounds.
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        sara.push(ids.map((id) => sara.change('identities', id, 'update', { job_title: `کار ${round}` }))),
        reza.push(ids.map((id) => reza.change('identities', id, 'update', { notes: `یادداشت ${round}` }))),
      ]);
      expect(results.flat().every((r) => r.status === 'accepted')).toBe(true);
      const rows = await one.db.all<{ fields: string }>(`SELECT fields FROM rows WHERE row_id IN (${ids.map(() => '?').join(', ')})`, ids);
      for (const r of rows) expect(JSON.parse(r.fields)).toMatchObject({ job_title: `کار ${round}`, notes: `یادداشت ${round}` });
    }
  });
});
