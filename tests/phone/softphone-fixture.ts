/**
 * A Softphone (main/phone/softphone.ts) on the test PBX with the fixed-SDP media, and a
 * record of everything it reported, for the signalling tests.
 */
import { systemClock } from '../../db/ids';
import { fixedMedia } from '../../main/phone/fixed-sdp';
import { Softphone, type LiveCall, type SoftphoneAccount, type SoftphoneOptions } from '../../main/phone/softphone';
import type { PhoneStatus } from '../../main/phone/schema';
import type { Kamailio } from '../services/sip/kamailio';

type ReportType = 'status' | 'incoming' | 'outgoing' | 'updated' | 'ended';
/** One report of the softphone's hooks, by type. */
export type ReportOf<T extends ReportType> = { type: T; at: number } & (T extends 'status'
  ? { status: Pick<PhoneStatus, 'state' | 'error' | 'retryAt'> }
  : T extends 'incoming'
    ? { call: LiveCall; refused: 'dnd' | 'busy' | null }
    : { call: LiveCall });
export type Reported = ReportOf<'status'> | ReportOf<'incoming'> | ReportOf<'outgoing'> | ReportOf<'updated'> | ReportOf<'ended'>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface TestPhone {
  phone: Softphone;
  media: ReturnType<typeof fixedMedia>;
  reported: Reported[];
  /** Resolves with the first report from index `since` on (default: from now) that matches. */
  next<T extends ReportType>(type: T, match?: (r: ReportOf<T>) => boolean, opts?: { since?: number; timeoutMs?: number }): Promise<ReportOf<T>>;
  registered(timeoutMs?: number): Promise<void>;
}

export function account(pbx: Kamailio, user: string, extra: Partial<SoftphoneAccount> = {}): SoftphoneAccount {
  return { server: pbx.wsUrl, user, password: pbx.password, ...extra };
}

export function makePhone(acc: SoftphoneAccount, extra: Partial<SoftphoneOptions> = {}): TestPhone {
  const reported: Reported[] = [];
  const waiters = new Set<() => void>();
  const push = (r: DistributiveOmit<Reported, 'at'>) => {
    reported.push({ ...r, at: Date.now() } as Reported);
    for (const w of [...waiters]) w();
  };
  const media = fixedMedia();
  const phone = new Softphone({
    account: acc,
    media,
    clock: systemClock,
    backoff: { firstMs: 200, maxMs: 1_000 },
    hooks: {
      status: (status) => push({ type: 'status', status }),
      incoming: (call, refused) => push({ type: 'incoming', call, refused }),
      outgoing: (call) => push({ type: 'outgoing', call }),
      updated: (call) => push({ type: 'updated', call }),
      ended: (call) => push({ type: 'ended', call }),
    },
    ...extra,
  });
  const next: TestPhone['next'] = (type, match = () => true, { since = reported.length, timeoutMs = 15_000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = reported.slice(since).find((r) => r.type === type && match(r as never));
        if (hit) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit as never);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${type} report in ${timeoutMs} ms; got: ${JSON.stringify(reported.slice(since).map((r) => r.type === 'status' ? r.status : `${r.type}:${'call' in r ? r.call.state : ''}`))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    phone,
    media,
    reported,
    next,
    registered: async (timeoutMs = 15_000) => {
      if (phone.registration === 'registered') return;
      await next('status', (r) => r.status.state === 'registered', { timeoutMs });
    },
  };
}
