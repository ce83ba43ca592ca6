/**
 * The phone as this window knows it, fed by the backend's events: the registration and the
 * calls in progress (`phone.status`), the popups of ringing calls (`call.incoming`), and the
 * calls that ended and wait for their log form (`call.ended`). One store per connection,
 * shared by the toolbar, the popups and the phone page.
 */
import { useSyncExternalStore } from 'react';
import type { CallView, IncomingCall, PhoneStatus } from '../../../main/contract';
import type { DaftarApi } from '../../api/connect';
import { useApi } from '../../api/ApiProvider';

export interface PhoneState {
  status: PhoneStatus | null;
  /** Ringing incoming calls with what the backend found about the caller, newest last. */
  incoming: IncomingCall[];
  /** Answered calls that ended and wait for their log form, oldest first. */
  toLog: CallView[];
  /**
   * A new-item form open for a caller (the screen pop's choice, or picked from a popup):
   * which form (a `newItemForms` key) and who it is about, until saved or dismissed. Kept
   * here, not in the popup, so what is typed outlives the ringing.
   */
  newItem: NewItemFor | null;
  /**
   * "Add to an existing identity", chosen from a popup: kept here, not in the popup, so the
   * form outlives the ringing (the caller is answered or hangs up while it is being filled).
   */
  addingTo: { callId: string; number: string } | null;
}

export interface NewItemFor {
  callId: string;
  kind: string;
  identity: { id: string; displayName: string };
}

export class PhoneStore {
  private state: PhoneState = { status: null, incoming: [], toLog: [], newItem: null, addingTo: null };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: DaftarApi) {
    api.on('phone.status', (s) => this.setStatus(s));
    api.on('call.incoming', (c) => {
      const who = c.matches[0];
      // A form already open (being typed in for an earlier caller) is never replaced.
      const newItem =
        !this.state.newItem && c.screenPop.action === 'new-item' && who
          ? { callId: c.call.id, kind: c.screenPop.item, identity: { id: who.id, displayName: who.displayName } }
          : this.state.newItem;
      this.set({ incoming: [...this.state.incoming.filter((i) => i.call.id !== c.call.id), c], newItem });
    });
    api.on('call.ended', ({ call }) => {
      this.set({
        incoming: this.state.incoming.filter((i) => i.call.id !== call.id),
        toLog: call.outcome === 'answered' ? [...this.state.toLog, call] : this.state.toLog,
      });
    });
    void this.refresh();
  }

  /** Asks for the status again (at start, and after the connection comes back). */
  async refresh(): Promise<void> {
    const r = await this.api.call('phone.status', {});
    if (r.ok) this.setStatus(r.value);
  }

  dismissIncoming(callId: string): void {
    this.set({ incoming: this.state.incoming.filter((i) => i.call.id !== callId) });
  }

  addToExisting(callId: string, number: string): void {
    this.set({ addingTo: { callId, number } });
  }

  addDone(): void {
    this.set({ addingTo: null });
  }

  openNewItem(item: NewItemFor): void {
    this.set({ newItem: item });
  }

  newItemDone(): void {
    this.set({ newItem: null });
  }

  logged(callId: string): void {
    this.set({ toLog: this.state.toLog.filter((c) => c.id !== callId) });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): PhoneState => this.state;

  private setStatus(status: PhoneStatus): void {
    // A popup stays only while its call still rings.
    const ringing = new Set(status.calls.filter((c) => c.state === 'ringing').map((c) => c.id));
    this.set({ status, incoming: this.state.incoming.filter((i) => ringing.has(i.call.id)) });
  }

  private set(patch: Partial<PhoneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

const stores = new WeakMap<DaftarApi, PhoneStore>();

export function phoneStoreOf(api: DaftarApi): PhoneStore {
  let s = stores.get(api);
  if (!s) {
    s = new PhoneStore(api);
    stores.set(api, s);
  }
  return s;
}

export function usePhoneStore(): PhoneStore {
  return phoneStoreOf(useApi());
}

export function usePhone(): PhoneState {
  const store = usePhoneStore();
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
