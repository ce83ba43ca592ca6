import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { SessionService } from '../../main/session/service';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../main/api/rpc';
import { networkInterfaces } from 'node:os';
import { SECURITY_HEADERS } from '../../main/api/csp';
import { startWebHost, type WebHost } from '../../main/host/webhost';
import { ADMIN_PASSWORD, TEST_CAPABILITY_OPTIONS, tempDir } from '../api/backend-fixture';

const INDEX = '<!doctype html><html lang="fa" dir="rtl"><title>دفتر</title><script src="/assets/app.js"></script></html>';
let root = '';
let host: WebHost;

beforeAll(async () => {
  root = tempDir('webhost');
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("daftar")');
  // Files next to the renderer folder that must never be served.
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  host = await startWebHost({ dataDir: join(root, 'data'), port: 0, rendererDir, capabilityOptions: TEST_CAPABILITY_OPTIONS });
  host.backend.service<SessionService>('session').setUp(ADMIN_PASSWORD);
});
afterAll(async () => {
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw HTTP GET: the path goes on the wire exactly as written (no client-side normalising). */
function rawGet(path: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (data += d));
    socket.on('end', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body: rest.join('\r\n\r\n') });
    });
    socket.on('error', reject);
  });
}

function get(
  path: string,
  method = 'GET',
  hostHeader?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = hostHeader ? { Host: hostHeader } : {};
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function open(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Resolves with the HTTP status the upgrade was refused with. */
function refusal(path: string, headers: Record<string, string> = {}): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.close();
      reject(new Error(`${path} was accepted`));
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

class Client {
  private nextId = 1;
  readonly frames: ServerFrame[] = [];
  private readonly waiting: ((f: ServerFrame) => boolean)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(frame);
      for (const w of [...this.waiting]) if (w(frame)) this.waiting.splice(this.waiting.indexOf(w), 1);
    });
  }

  next(pred: (f: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    const found = this.frames.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such frame in time')), timeoutMs);
      this.waiting.push((f) => {
        if (!pred(f)) return false;
        clearTimeout(timer);
        resolve(f);
        return true;
      });
    });
  }

  async call(method: string, input: unknown): Promise<ServerFrame> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ t: 'call', id, method, input }));
    return this.next((f) => f.t === 'result' && f.id === id);
  }
}

describe('static files', () => {
  it('GET / serves index.html with a strict CSP and nosniff', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their type, and HEAD without a body', async () => {
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("daftar")');
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 for missing files and folders, 405 for other methods, with the security headers', async () => {
    for (const [path, method, status] of [
      ['/nope.js', 'GET', 404],
      ['/assets', 'GET', 404],
      ['/assets/', 'GET', 404],
      ['/%2e%2e/secret.txt', 'GET', 404],
      ['/', 'POST', 405],
      ['/', 'PUT', 405],
      ['/', 'GET', 200],
    ] as const) {
      const res = await get(path, method);
      expect(res.status, `${method} ${path}`).toBe(status);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name.toLowerCase()], `${method} ${path} ${name}`).toBe(value);
    }
  });

  it('answers for 127.0.0.1 and localhost, and refuses any other Host (DNS rebinding)', async () => {
    expect((await get('/', 'GET', `localhost:${host.port}`)).status).toBe(200);
    expect((await get('/', 'GET', `127.0.0.1:${host.port}`)).status).toBe(200);
    const other = await get('/', 'GET', `evil.example:${host.port}`);
    expect(other.status).toBe(421);
    expect(other.body).not.toContain('<html');
    expect(other.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect((await get('/', 'GET', `localhost:${host.port + 1}`)).status).toBe(421);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/../../../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e/secret.txt',
    '/..%2f..%2fetc%2fpasswd',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%00',
    '/index.html%00.js',
    '/%E0%A4%A',
    '//etc/passwd',
    '/.%2e/secret.txt',
  ])('refuses traversal %s with 404 and no file contents', async (path) => {
    const res = await rawGet(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(/root:|TOP-SECRET|"name": "daftar"|<html/);
  });

});

describe('the API bridge', () => {
  it('refuses a WebSocket without the token, with a wrong token, or on another path', async () => {
    expect(await refusal('/rpc')).toBe(401);
    expect(await refusal('/rpc?token=')).toBe(401);
    expect(await refusal('/rpc?token=wrong')).toBe(401);
    expect(await refusal(`/rpc?token=${host.token}x`)).toBe(401);
    expect(await refusal(`/rpc?token=${host.token.slice(0, -1)}`)).toBe(401);
    expect(await refusal(`/other?token=${host.token}`)).toBe(404);
  });

  it('refuses a WebSocket from another origin even with the token; accepts 127.0.0.1 and localhost on its port', async () => {
    const q = `/rpc?token=${encodeURIComponent(host.token)}`;
    expect(await refusal(q, { Origin: 'http://evil.example' })).toBe(403);
    expect(await refusal(q, { Origin: `http://localhost:${host.port + 1}` })).toBe(403);
    expect(await refusal(q, { Origin: `https://localhost:${host.port}` })).toBe(403);
    expect(await refusal(q, { Origin: 'null' })).toBe(403);
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const ws = await open(`?token=${encodeURIComponent(host.token)}`, { Origin: origin });
      const r = await new Client(ws).call('session.get', {});
      expect(r, origin).toMatchObject({ t: 'result', result: { ok: true } });
      ws.close();
    }
  });

  it('refusals of the API carry the security headers too', async () => {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=wrong`);
      ws.once('unexpected-response', (_req, r) => {
        resolve(r);
        ws.terminate();
      });
      ws.once('error', reject);
    });
    expect(res.statusCode).toBe(401);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name.toLowerCase()], name).toBe(value);
  });

  it('the token is in the page URL and is different at every launch', async () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    const tokens = new Set([host.token]);
    for (let i = 0; i < 3; i++) {
      const dir = tempDir('webhost-token');
      const other = await startWebHost({ dataDir: dir, port: 0, rendererDir: join(root, 'renderer'), capabilityOptions: TEST_CAPABILITY_OPTIONS });
      tokens.add(other.token);
      // The other launch's token does not open this host.
      expect(await refusal(`/rpc?token=${encodeURIComponent(other.token)}`)).toBe(401);
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(tokens.size).toBe(4);
  });

  it('with the token (and our own origin) a call answers', async () => {
    const ws = await open(`?token=${encodeURIComponent(host.token)}`, { Origin: `http://127.0.0.1:${host.port}` });
    const c = new Client(ws);
    const r = await c.call('session.get', {});
    expect(r).toMatchObject({ t: 'result', result: { ok: true, value: { state: 'signed-in', user: { username: 'admin' } } } });
    ws.close();
  });

  it('drops malformed frames and keeps the connection working', async () => {
    const ws = await open(`?token=${encodeURIComponent(host.token)}`);
    const c = new Client(ws);
    ws.send('not json at all {');
    ws.send('42');
    ws.send('null');
    ws.send(JSON.stringify({ t: 'call' }));
    ws.send(JSON.stringify({ t: 'call', id: 'x', method: 'session.get' }));
    ws.send(JSON.stringify({ t: 'call', id: 1, method: '' }));
    ws.send(JSON.stringify([{ t: 'call', id: 1, method: 'session.get' }]));
    ws.send(Buffer.from(JSON.stringify({ t: 'call', id: 77, method: 'session.get', input: {} })), { binary: true });
    const r = await c.call('app.info', {});
    expect(r).toMatchObject({ t: 'result', result: { ok: true } });
    // Only the valid call was answered.
    expect(c.frames.filter((f) => f.t === 'result')).toHaveLength(1);
    // Bad input through the socket is answered, not dropped.
    const bad = await c.call('identities.get', { id: 5 });
    expect(bad).toMatchObject({ result: { ok: false, error: { code: 'invalid-input' } } });
    const unknown = await c.call('no.such', {});
    expect(unknown).toMatchObject({ result: { ok: false, error: { code: 'unknown-method' } } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('pushes data.changed to every connected client after a write', async () => {
    const a = new Client(await open(`?token=${encodeURIComponent(host.token)}`));
    const b = new Client(await open(`?token=${encodeURIComponent(host.token)}`));
    const created = await a.call('identities.create', { kind: 'person', firstName: 'رویداد' });
    expect(created).toMatchObject({ result: { ok: true } });
    const id = created.t === 'result' && created.result.ok ? (created.result.value as { id: string }).id : '';
    for (const c of [a, b]) {
      const ev = await c.next((f) => f.t === 'event' && f.event === 'data.changed');
      expect(ev).toEqual({
        t: 'event',
        event: 'data.changed',
        payload: { tables: expect.arrayContaining(['identities']), root: { table: 'identities', id } },
      });
    }
    // A closed client is forgotten: the host's peer list shrinks, the next write reaches only the open one.
    const peersBefore = host.peers.size;
    b.ws.close();
    await new Promise((r) => b.ws.once('close', r));
    for (let i = 0; i < 100 && host.peers.size !== peersBefore - 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(host.peers.size).toBe(peersBefore - 1);
    const before = b.frames.length;
    await a.call('identities.create', { kind: 'person', firstName: 'دوم' });
    await a.next((f) => f.t === 'event' && f.event === 'data.changed' && (f.payload as { root: { id: string } }).root.id !== id);
    expect(b.frames.length).toBe(before);
    a.ws.close();
    await new Promise((r) => a.ws.once('close', r));
    for (let i = 0; i < 100 && host.peers.size !== peersBefore - 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(host.peers.size).toBe(peersBefore - 2);
  });

  it('listens on 127.0.0.1 only: the bound socket is loopback, and another address of this machine is refused', async () => {
    expect(host.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: host.port });
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of others) {
      const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const sock = connect(host.port, address, () => {
          sock.destroy();
          resolve(null);
        });
        sock.once('error', resolve);
      });
      expect(err?.code, address).toBe('ECONNREFUSED');
    }
    // Also when this machine has no other address: 0.0.0.0 reaches every interface, 127.0.0.2 is loopback but not ours.
    const viaOtherLoopback = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const sock = connect(host.port, '127.0.0.2', () => {
        sock.destroy();
        resolve(null);
      });
      sock.once('error', resolve);
    });
    expect(viaOtherLoopback?.code).toBe('ECONNREFUSED');
  });
});

describe('closing', () => {
  it('close() stops the server and disconnects clients', async () => {
    const dir = tempDir('webhost-close');
    const rendererDir = join(dir, 'r');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), 'x');
    const h = await startWebHost({ dataDir: join(dir, 'data'), port: 0, rendererDir, capabilityOptions: TEST_CAPABILITY_OPTIONS });
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/rpc?token=${encodeURIComponent(h.token)}`);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise((r) => ws.once('close', r));
    await h.close();
    await closed;
    await expect(
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: h.port, path: '/' }, resolve);
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
    rmSync(dir, { recursive: true, force: true });
  });
});
