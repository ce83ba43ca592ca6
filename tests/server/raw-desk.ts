/** A desk speaking the sync protocol by hand (tests and the bench). */
import { Hlc } from '../../db/hlc';
import {
  CLIENT_HEADER,
  DESK_SCHEMA,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SCHEMA_HEADER,
  type ChangeResult,
  type PullResponse,
  type PushChange,
  type SignInResponse,
  type Value,
} from '../../db/sync/protocol';

export interface HttpAnswer<T> {
  status: number;
  body: T;
}

/**
 * A desk speaking the protocol by hand: its own HLC and change ids, and every header
 * overridable, so tests can send what a well-behaved desk never sends.
 */
export class RawDesk {
  token: string | null = null;
  userId: string | null = null;
  private readonly hlc: Hlc;
  private changeNo = 0;

  constructor(
    public url: string,
    readonly clientId: string,
    now: () => number = Date.now,
  ) {
    this.hlc = new Hlc(clientId, now);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      [SCHEMA_HEADER]: DESK_SCHEMA,
      [CLIENT_HEADER]: this.clientId,
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...extra,
    };
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: this.headers(headers),
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async signIn(username: string, password = 'password-1234'): Promise<SignInResponse> {
    const r = await this.request<SignInResponse>('POST', '/auth/sign-in', { username, password, clientId: this.clientId });
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.token = r.body.token;
    this.userId = r.body.user.id;
    return r.body;
  }

  change(table: string, rowId: string, op: PushChange['op'], fields: Record<string, Value>, root = { table, id: rowId }): PushChange {
    return {
      changeId: `${this.clientId}-${++this.changeNo}`,
      txId: `tx-${this.clientId}-${this.changeNo}`,
      table,
      rowId,
      op,
      fields,
      hlc: this.hlc.tick(),
      at: Date.now(),
      root,
    };
  }

  async push(changes: PushChange[]): Promise<ChangeResult[]> {
    const r = await this.request<{ results: ChangeResult[] }>('POST', '/sync/push', { clientId: this.clientId, changes });
    if (r.status !== 200) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.results;
  }

  async pull(after = 0, limit = 1000): Promise<PullResponse> {
    const r = await this.request<PullResponse>('GET', `/sync/pull?after=${after}&limit=${limit}`);
    if (r.status !== 200) throw new Error(`pull failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Every change visible to this desk's user, following the cursor to the end. */
  async pullAll(after = 0, limit = 1000): Promise<PullResponse['changes']> {
    const all: PullResponse['changes'] = [];
    let cursor = after;
    for (;;) {
      const page = await this.pull(cursor, limit);
      all.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return all;
    }
  }
}

let idNo = 0;
/** A UUIDv7-looking id for rows made by hand. */
export function rowId(): string {
  const n = (++idNo).toString(16).padStart(12, '0');
  return `01900000-0000-7000-8000-${n}`;
}
