/**
 * Mounted over every page: the media engine this window lends the backend for calls, the
 * ringer, the caller-ID popups, the screen pop (open the caller's profile, or it and a
 * new-item form of the user's choice — any feature's `newItemForms`), "add to an existing identity" once chosen from a popup, and the
 * log form after an answered call. (A hidden window tells
 * the backend so, which then shows a native notification: see phone.media.attach.)
 */
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import Stack from '@mui/material/Stack';
import { useApi, useConnectionStatus } from '../../api/ApiProvider';
import { useAppState } from '../../app/AppState';
import { useNewItemForms } from '../../app/useNewItemForms';
import { AddToExistingDialog } from './AddToExistingDialog';
import { CallLogDialog } from './CallLogDialog';
import { IncomingCallPopup } from './IncomingCallPopup';
import { MediaEngine, browserMediaDeps } from './media-engine';
import { usePhone, usePhoneStore } from './phoneState';
import { Ringer } from './ringer';

export function PhoneOverlay() {
  const { can } = useAppState();
  if (!can('phone.use')) return null;
  return <PhoneOverlayInner />;
}

function PhoneOverlayInner() {
  const navigate = useNavigate();
  const store = usePhoneStore();
  const { status, incoming, toLog, newItem, addingTo } = usePhone();
  const forms = useNewItemForms();
  // A form this user cannot use (gone, or a permission taken away) leaves only the profile.
  const NewItem = newItem ? forms.find((f) => f.key === newItem.kind)?.Component : undefined;
  useMediaEngine();
  useRinger(Boolean(status?.calls.some((c) => c.direction === 'incoming' && c.state === 'ringing')));

  // The screen pop: once per incoming call. The profile opens only after the frame with the
  // popup is drawn: rendered in the same task (React runs this effect before the browser
  // paints), the profile page would hold the caller's name off the screen until it is done.
  const popped = useRef(new Set<string>());
  useEffect(() => {
    for (const c of incoming) {
      if (popped.current.has(c.call.id)) continue;
      popped.current.add(c.call.id);
      const who = c.matches[0];
      // 'new-item' opens the profile too, with the chosen form over it (phoneState's newItem).
      if (who && c.screenPop.action !== 'nothing') afterPaint(() => navigate(`/identities/${who.id}`));
    }
  }, [incoming, navigate]);

  const logging = toLog[0];
  return (
    <>
      <Stack
        spacing={1}
        sx={{ position: 'fixed', insetBlockEnd: 16, insetInlineEnd: 16, zIndex: (th) => th.zIndex.snackbar }}
        aria-live="assertive"
      >
        {incoming.map((c) => (
          <IncomingCallPopup key={c.call.id} incoming={c} />
        ))}
      </Stack>
      {newItem && NewItem && <NewItem key={`${newItem.callId}:${newItem.kind}`} identity={newItem.identity} onClose={() => store.newItemDone()} />}
      {addingTo && <AddToExistingDialog key={addingTo.callId} callId={addingTo.callId} number={addingTo.number} onClose={() => store.addDone()} />}
      {logging && <CallLogDialog key={logging.id} call={logging} onClose={() => store.logged(logging.id)} />}
    </>
  );
}

/** Lends this window's microphone and speaker to the backend's calls while the window is open. */
function useMediaEngine(): void {
  const api = useApi();
  const connection = useConnectionStatus();
  const store = usePhoneStore();
  const engine = useRef<MediaEngine | null>(null);
  engine.current ??= new MediaEngine(browserMediaDeps());

  useEffect(() => {
    const e = engine.current!;
    const off = api.on('phone.media.request', (request) => {
      if (!e.owns(request)) return;
      void e.handle(request).then((reply) => api.call('phone.media.respond', reply));
    });
    const detach = () => void api.call('phone.media.detach', { engineId: e.id });
    window.addEventListener('pagehide', detach);
    return () => {
      off();
      window.removeEventListener('pagehide', detach);
      detach();
      e.closeAll();
    };
  }, [api]);

  // Attach again whenever the connection (re)opens (the backend may have restarted) and
  // whenever the window is shown or hidden (hidden: the backend notifies natively instead).
  useEffect(() => {
    if (connection !== 'open') return;
    const attach = () => void api.call('phone.media.attach', { engineId: engine.current!.id, visible: document.visibilityState === 'visible' });
    attach();
    void store.refresh();
    document.addEventListener('visibilitychange', attach);
    return () => document.removeEventListener('visibilitychange', attach);
  }, [api, connection, store]);
}

/** Runs `fn` once the next frame has been drawn (a task after the frame's callbacks). */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function useRinger(ringing: boolean): void {
  const ringer = useRef<Ringer | null>(null);
  useEffect(() => {
    ringer.current ??= new Ringer();
    if (ringing) ringer.current.start();
    else ringer.current.stop();
  }, [ringing]);
  useEffect(() => () => ringer.current?.stop(), []);
}
