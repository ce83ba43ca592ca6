/**
 * After a drag: which occurrences of a repeating appointment move (one, or the whole
 * series), and — when the new time clashes — the clashes with free slots to take instead,
 * or moving anyway (an override the backend records).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { ConflictReport, Slot } from '../../../main/contract';
import type { DaftarApi } from '../../api/connect';
import { useApi } from '../../api/ApiProvider';
import { useLanguage } from '../../app/AppState';
import { fullDate, timeOf } from './calendarGrid';
import { ConflictPanel } from './ConflictPanel';
import type { MoveRequest } from './views/WeekView';
import { GuardedDialog } from '../../app/GuardedDialog';

export interface PendingMove extends MoveRequest {
  /** Absent: not chosen yet (a repeating appointment). */
  scope?: 'series' | 'occurrence';
  conflict: { report: ConflictReport; message: string } | null;
}

export type MoveResult = { kind: 'done' } | { kind: 'conflict'; conflict: { report: ConflictReport; message: string } } | { kind: 'error'; message: string };

export async function moveAppointment(api: DaftarApi, m: MoveRequest, scope: 'series' | 'occurrence', override: boolean): Promise<MoveResult> {
  const o = m.occurrence;
  const r = await api.call('calendar.appointments.move', {
    id: o.appointmentId,
    scope,
    ...(o.occurrence !== null ? { occurrence: o.occurrence } : {}),
    allDay: false,
    start: m.start,
    end: m.end,
    override,
  });
  if (r.ok) return { kind: 'done' };
  if (r.error.code === 'conflict' && r.error.details) return { kind: 'conflict', conflict: { report: r.error.details as ConflictReport, message: r.error.message } };
  return { kind: 'error', message: r.error.message };
}

export function MoveDialog({ move, onClose, onDone }: { move: PendingMove; onClose(): void; onDone(text: string | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const [scope, setScope] = useState(move.scope);
  const [conflict, setConflict] = useState(move.conflict);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (start: string, end: string, override: boolean, chosen: 'series' | 'occurrence') => {
    setBusy(true);
    setScope(chosen);
    const r = await moveAppointment(api, { ...move, start, end }, chosen, override);
    setBusy(false);
    if (r.kind === 'done') {
      onDone(t('calendar.move.done', { time: `${fullDate(start.slice(0, 10), language)} ${timeOf(start, language)}` }));
      onClose();
    } else if (r.kind === 'conflict') setConflict(r.conflict);
    else setError(r.message);
  };

  return (
    // Nothing is typed here: the drag's new time is shown, and closing just leaves the item where it was.
    <GuardedDialog dirty={false} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="move-title" data-testid="move-dialog">
      <DialogTitle id="move-title">{t('calendar.move.title')}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>
          <bdi>{move.occurrence.subject}</bdi>: {fullDate(move.start.slice(0, 10), language)} {timeOf(move.start, language)}–{timeOf(move.end, language)}
        </Typography>
        {conflict && (
          <ConflictPanel
            report={conflict.report}
            message={conflict.message}
            busy={busy}
            onTake={(s: Slot) => void send(s.start, s.end, false, scope ?? 'series')}
            onOverride={() => void send(move.start, move.end, true, scope ?? 'series')}
          />
        )}
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('calendar.form.close')}</Button>
        {!scope && (
          <>
            <Button onClick={() => void send(move.start, move.end, false, 'occurrence')} disabled={busy} data-testid="move-occurrence">
              {t('calendar.form.thisOccurrence')}
            </Button>
            <Button variant="contained" onClick={() => void send(move.start, move.end, false, 'series')} disabled={busy} data-testid="move-series">
              {t('calendar.form.wholeSeries')}
            </Button>
          </>
        )}
      </DialogActions>
    </GuardedDialog>
  );
}
