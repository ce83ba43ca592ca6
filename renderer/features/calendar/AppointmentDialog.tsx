/**
 * One appointment: the form to book or change it (read-write calendars), or its details
 * with the invitation's answer buttons (everyone else). Clashes show while the times,
 * room or attendees are chosen, with the next free slots to take in one click.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Box from '@mui/material/Box';
import Switch from '@mui/material/Switch';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Alert from '@mui/material/Alert';
import Divider from '@mui/material/Divider';
import CircularProgress from '@mui/material/CircularProgress';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import type { Appointment, Channel, ConflictReport, OccurrenceView, Slot, WeekdayCode } from '../../../main/contract';
import type { ApiErrorBody } from '../../../main/api/rpc';
import { useApi } from '../../api/ApiProvider';
import { useDebounced, useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { localiseDigits, toLatinDigits } from '../../format/digits';
import { fullDate, timeOf } from './calendarGrid';
import { draftOf, fieldOfIssue, newDraft, toInput, withSlot, type AppointmentDraft, type AttendeeDraft } from './appointmentForm';
import { ConflictPanel } from './ConflictPanel';
import { AppointmentReminders } from './AppointmentReminders';
import { JalaliDateField, JalaliPickersProvider, TimeField } from './JalaliPickers';
import { IdentityPicker, UserPicker } from './Pickers';
import { STATUS_COLOURS } from './display';
import { APPOINTMENT_TABLES, type CalendarBasics } from './useCalendarBasics';
import { GuardedDialog } from '../../app/GuardedDialog';

export type DialogTarget =
  | { kind: 'new'; start: string; end: string; calendarId?: string; roomId?: string; userId?: string; identity?: { id: string; name: string } }
  | { kind: 'open'; appointmentId: string; occurrence: OccurrenceView | null };

interface Props {
  target: DialogTarget;
  basics: CalendarBasics;
  onClose(): void;
}

const WEEK_ORDER: WeekdayCode[] = ['SA', 'SU', 'MO', 'TU', 'WE', 'TH', 'FR'];
const CHANNELS: Channel[] = ['inapp', 'sms', 'email'];

export function AppointmentDialog({ target, basics, onClose }: Props) {
  const { t } = useTranslation();
  // Opening (from the week, the bell, the today list, the cartable, a history) reads its bell messages, as a task's opening does.
  const existing = useQuery('calendar.appointments.open', target.kind === 'open' ? { id: target.appointmentId } : null, { reads: APPOINTMENT_TABLES });
  const a = existing.data;
  const title = target.kind === 'new' ? t('calendar.form.newTitle') : a ? a.subject : t('calendar.loading');
  // Only the form below knows whether closing would lose what was typed; it reports it here.
  const [dirty, setDirty] = useState(false);
  return (
    <GuardedDialog dirty={dirty} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="appointment-title" data-testid="appointment-dialog">
      <DialogTitle id="appointment-title">
        <bdi>{title}</bdi>
      </DialogTitle>
      {target.kind === 'open' && !a ? (
        <DialogContent>{existing.error ? <Alert severity="error">{existing.error.message}</Alert> : <CircularProgress size={24} />}</DialogContent>
      ) : a && !a.canEdit ? (
        <AppointmentDetails appointment={a} occurrence={target.kind === 'open' ? target.occurrence : null} onClose={onClose} />
      ) : (
        <JalaliPickersProvider>
          <AppointmentForm target={target} appointment={a ?? null} basics={basics} onClose={onClose} onDirty={setDirty} />
        </JalaliPickersProvider>
      )}
    </GuardedDialog>
  );
}

function AppointmentForm({
  target,
  appointment,
  basics,
  onClose,
  onDirty,
}: {
  target: DialogTarget;
  appointment: Appointment | null;
  basics: CalendarBasics;
  onClose(): void;
  onDirty(dirty: boolean): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { session, can, language } = useAppState();
  const occurrence = target.kind === 'open' ? target.occurrence : null;
  const recurring = Boolean(appointment?.rrule);
  const [scope, setScope] = useState<'occurrence' | 'series'>(recurring && occurrence?.occurrence != null ? 'occurrence' : 'series');
  const writable = basics.calendars.filter((c) => c.kind === 'regular' && c.access === 'read-write');
  const [draft, setDraft] = useState<AppointmentDraft>(() => {
    if (appointment) return draftOf(appointment, scope === 'occurrence' ? occurrence : null);
    const n = target as Extract<DialogTarget, { kind: 'new' }>;
    const d = newDraft(n.calendarId ?? writable.find((c) => c.shown)?.id ?? writable[0]?.id ?? '', n.start, n.end, session?.user?.id ?? null);
    return {
      ...d,
      ...(n.roomId ? { locationKind: 'room' as const, roomId: n.roomId } : {}),
      ...(n.userId ? { attendees: [userAttendee(n.userId, basics, true)] } : {}),
      ...(n.identity ? { identity: n.identity } : {}),
    };
  });
  // What the form held when it opened (or when the scope was switched): closing loses
  // something only when the draft differs from it, or a half-typed ad-hoc contact is open.
  const [baseline, setBaseline] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiErrorBody | null>(null);
  // `key`: the form as it was when the backend refused a save (its message holds until the form changes).
  const [conflict, setConflict] = useState<{ report: ConflictReport; message?: string; key?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [adhoc, setAdhoc] = useState<AttendeeDraft | null>(null);
  const set = (patch: Partial<AppointmentDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // A series edited as one occurrence shows that occurrence; switching shows the series.
  const chooseScope = (next: 'occurrence' | 'series') => {
    setScope(next);
    if (appointment) {
      const shown = draftOf(appointment, next === 'occurrence' ? occurrence : null);
      setDraft(shown);
      setBaseline(shown);
    }
  };

  const dirty = JSON.stringify(draft) !== JSON.stringify(baseline) || (adhoc !== null && [adhoc.name, adhoc.phone, adhoc.email, adhoc.fax].some((v) => v.trim() !== ''));
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const editing = appointment
    ? { id: appointment.id, scope, ...(scope === 'occurrence' && occurrence?.occurrence != null ? { occurrence: occurrence.occurrence } : {}) }
    : null;

  // Clashes are shown before saving: checked again whenever what decides them changes.
  const checkKey = JSON.stringify([draft.calendarId, draft.allDay, draft.startDate, draft.startTime, draft.endDate, draft.endTime, draft.locationKind, draft.roomId, draft.attendees.map((x) => [x.kind, x.userId, x.identityId, x.mandatory]), draft.repeat, draft.interval, draft.weekdays, draft.endKind, draft.until, draft.count, scope]);
  const settledKey = useDebounced(checkKey, 400);
  useEffect(() => {
    if (!can('calendar.book')) return;
    let live = true;
    void api.call('calendar.appointments.check', { ...toInput(draft), ...(editing ?? {}) }).then((r) => {
      if (!live) return;
      if (!r.ok) return;
      // A check answered after a refused save must not replace the save's own sentence
      // while the form is still what was saved.
      setConflict((prev) =>
        r.value.conflicts.length === 0 ? null : prev?.message && prev.key === settledKey ? { ...prev, report: r.value } : { report: r.value },
      );
    });
    return () => {
      live = false;
    };
    // The check follows what decides clashes (settledKey), not every keystroke of the subject.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledKey]);

  const save = async (d: AppointmentDraft, override: boolean) => {
    setBusy(true);
    setFailure(null);
    const input = toInput(d, override);
    const r = editing ? await api.call('calendar.appointments.update', { ...input, ...editing }) : await api.call('calendar.appointments.create', input);
    setBusy(false);
    if (r.ok) {
      onClose();
      return;
    }
    if (r.error.code === 'conflict' && r.error.details) {
      setConflict({ report: r.error.details as ConflictReport, message: r.error.message, key: checkKey });
      return;
    }
    const fieldErrors: Record<string, string> = {};
    for (const issue of r.error.issues ?? []) fieldErrors[fieldOfIssue(issue.path)] ??= issue.message;
    setErrors(fieldErrors);
    setFailure(r.error);
  };

  const cancel = async () => {
    if (!appointment) return;
    setBusy(true);
    const r = await api.call('calendar.appointments.cancel', {
      id: appointment.id,
      scope,
      ...(scope === 'occurrence' && occurrence?.occurrence != null ? { occurrence: occurrence.occurrence } : {}),
      notify: draft.notify,
    });
    setBusy(false);
    if (r.ok) onClose();
    else setFailure(r.error);
  };

  const addAttendee = (x: AttendeeDraft) => {
    if (draft.attendees.some((y) => (x.userId && y.userId === x.userId) || (x.identityId && y.identityId === x.identityId))) return;
    set({ attendees: [...draft.attendees, x] });
  };

  return (
    <>
      <DialogContent dividers>
        <Stack spacing={2}>
          {recurring && occurrence?.occurrence != null && (
            <ToggleButtonGroup exclusive size="small" value={scope} onChange={(_, v: 'occurrence' | 'series' | null) => v && chooseScope(v)} aria-label={t('calendar.form.scope')}>
              <ToggleButton value="occurrence" data-testid="scope-occurrence">
                {t('calendar.form.thisOccurrence')}
              </ToggleButton>
              <ToggleButton value="series" data-testid="scope-series">
                {t('calendar.form.wholeSeries')}
              </ToggleButton>
            </ToggleButtonGroup>
          )}
          <TextField
            label={t('calendar.form.subject')}
            value={draft.subject}
            onChange={(e) => set({ subject: e.target.value })}
            error={Boolean(errors.subject)}
            helperText={errors.subject}
            autoFocus
            size="small"
            slotProps={{ htmlInput: { 'data-testid': 'subject', dir: 'auto' } }}
          />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 2 }}>
            <TextField
              select
              label={t('calendar.form.calendar')}
              value={draft.calendarId}
              onChange={(e) => set({ calendarId: e.target.value })}
              size="small"
              sx={{ minWidth: 200 }}
              disabled={scope === 'occurrence'}
              error={Boolean(errors.calendarId)}
              helperText={errors.calendarId}
              data-testid="calendar-select"
            >
              {writable.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  <Box component="span" sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: c.colour, display: 'inline-block', marginInlineEnd: 1 }} />
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
            <FormControlLabel
              control={<Switch checked={draft.allDay} onChange={(e) => set({ allDay: e.target.checked, ...(e.target.checked ? { endDate: draft.startDate } : {}) })} disabled={scope === 'occurrence'} />}
              label={t('calendar.form.allDay')}
            />
          </Stack>
          <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
            <JalaliDateField label={t('calendar.form.startDate')} value={draft.startDate} onChange={(v) => set({ startDate: v, ...(draft.endDate && v && draft.endDate < v ? { endDate: v } : {}) })} error={errors.start} />
            {!draft.allDay && <TimeField label={t('calendar.form.startTime')} value={draft.startTime} onChange={(v) => set({ startTime: v })} />}
            <JalaliDateField label={t('calendar.form.endDate')} value={draft.endDate} onChange={(v) => set({ endDate: v })} error={errors.end} />
            {!draft.allDay && <TimeField label={t('calendar.form.endTime')} value={draft.endTime} onChange={(v) => set({ endTime: v })} />}
          </Stack>

          {scope === 'series' && (
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 2 }}>
              <TextField
                select
                label={t('calendar.form.repeat')}
                value={draft.repeat}
                onChange={(e) => set({ repeat: e.target.value as AppointmentDraft['repeat'] })}
                size="small"
                sx={{ minWidth: 150 }}
                error={Boolean(errors.repeat)}
                helperText={errors.repeat}
                data-testid="repeat-select"
              >
                {(['none', 'daily', 'weekly', 'monthly'] as const).map((r) => (
                  <MenuItem key={r} value={r}>
                    {t(`calendar.repeat.${r}`)}
                  </MenuItem>
                ))}
              </TextField>
              {draft.repeat !== 'none' && (
                <>
                  <TextField
                    label={t('calendar.form.interval')}
                    value={String(draft.interval)}
                    onChange={(e) => set({ interval: Math.max(1, Math.min(99, Number(toLatinDigits(e.target.value)) || 1)) })}
                    size="small"
                    sx={{ width: 90 }}
                    slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                  />
                  {draft.repeat === 'weekly' && (
                    <ToggleButtonGroup size="small" value={draft.weekdays} onChange={(_, v: WeekdayCode[]) => v.length > 0 && set({ weekdays: v })} aria-label={t('calendar.form.weekdays')}>
                      {WEEK_ORDER.map((d) => (
                        <ToggleButton key={d} value={d} sx={{ px: 1 }}>
                          {t(`calendar.weekday.${d}`)}
                        </ToggleButton>
                      ))}
                    </ToggleButtonGroup>
                  )}
                  <TextField select label={t('calendar.form.ends')} value={draft.endKind} onChange={(e) => set({ endKind: e.target.value as 'until' | 'count' })} size="small" sx={{ minWidth: 120 }}>
                    <MenuItem value="count">{t('calendar.form.afterCount')}</MenuItem>
                    <MenuItem value="until">{t('calendar.form.onDate')}</MenuItem>
                  </TextField>
                  {draft.endKind === 'count' ? (
                    <TextField
                      label={t('calendar.form.count')}
                      value={String(draft.count)}
                      onChange={(e) => set({ count: Number(toLatinDigits(e.target.value)) || 0 })}
                      size="small"
                      sx={{ width: 100 }}
                      error={Boolean(errors.count)}
                      helperText={errors.count}
                      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'count' } }}
                    />
                  ) : (
                    <JalaliDateField label={t('calendar.form.until')} value={draft.until} onChange={(v) => set({ until: v })} error={errors.until} />
                  )}
                </>
              )}
            </Stack>
          )}

          <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
            <TextField
              select
              label={t('calendar.form.location')}
              value={draft.locationKind}
              onChange={(e) => set({ locationKind: e.target.value as AppointmentDraft['locationKind'] })}
              size="small"
              sx={{ minWidth: 170 }}
              data-testid="location-kind"
            >
              {(['none', 'room', 'customer', 'text'] as const).map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`calendar.location.${k}`)}
                </MenuItem>
              ))}
            </TextField>
            {draft.locationKind === 'room' ? (
              <TextField
                select
                label={t('calendar.form.room')}
                value={draft.roomId}
                onChange={(e) => set({ roomId: e.target.value })}
                size="small"
                sx={{ minWidth: 200 }}
                error={Boolean(errors.roomId)}
                helperText={errors.roomId}
                data-testid="room-select"
              >
                {basics.rooms.map((r) => (
                  <MenuItem key={r.id} value={r.id}>
                    {r.name}
                    {r.capacity ? ` (${t('calendar.capacity', { n: localiseDigits(String(r.capacity), language) })})` : ''}
                  </MenuItem>
                ))}
              </TextField>
            ) : draft.locationKind !== 'none' ? (
              <TextField
                label={t(draft.locationKind === 'customer' ? 'calendar.form.customerAddress' : 'calendar.form.place')}
                value={draft.locationText}
                onChange={(e) => set({ locationText: e.target.value })}
                size="small"
                sx={{ flex: 1, minWidth: 200 }}
                error={Boolean(errors.locationText)}
                helperText={errors.locationText}
              />
            ) : null}
          </Stack>

          <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
            <Box sx={{ flex: 1, minWidth: 220 }}>
              <IdentityPicker label={t('calendar.form.identity')} value={draft.identity} onChange={(v) => set({ identity: v })} />
            </Box>
            <Box sx={{ flex: 1, minWidth: 220 }}>
              <UserPicker label={t('calendar.form.coordinator')} users={basics.users} value={draft.coordinatorId} onChange={(v) => set({ coordinatorId: v })} />
            </Box>
          </Stack>

          {scope === 'series' && (
            <Box>
              <Typography variant="subtitle2" sx={{ fontWeight: 700, mb: 1 }}>
                {t('calendar.form.attendees')}
              </Typography>
              <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1.5, mb: 1 }}>
                <Box sx={{ flex: 1, minWidth: 200 }}>
                  <UserPicker label={t('calendar.form.addUser')} users={basics.users} value={null} onChange={(id) => id && addAttendee(userAttendee(id, basics, false))} testId="add-user" />
                </Box>
                <Box sx={{ flex: 1, minWidth: 200 }}>
                  <IdentityPicker
                    label={t('calendar.form.addIdentity')}
                    value={null}
                    onChange={(o) => o && addAttendee({ key: `i:${o.id}`, kind: 'identity', identityId: o.id, name: o.name, phone: '', email: '', fax: '', mandatory: false })}
                  />
                </Box>
                <Button startIcon={<PersonAddAlt1Outlined />} onClick={() => setAdhoc({ key: `a:${Date.now()}`, kind: 'adhoc', name: '', phone: '', email: '', fax: '', mandatory: false })}>
                  {t('calendar.form.addAdhoc')}
                </Button>
              </Stack>
              {adhoc && (
                <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, mb: 1, alignItems: 'center' }}>
                  {(['name', 'phone', 'email', 'fax'] as const).map((f) => (
                    <TextField key={f} label={t(`calendar.form.adhoc.${f}`)} value={adhoc[f]} onChange={(e) => setAdhoc({ ...adhoc, [f]: e.target.value })} size="small" sx={{ width: 150 }} />
                  ))}
                  <Button
                    variant="outlined"
                    disabled={!adhoc.name.trim()}
                    onClick={() => {
                      addAttendee(adhoc);
                      setAdhoc(null);
                    }}
                  >
                    {t('calendar.form.add')}
                  </Button>
                </Stack>
              )}
              {errors.attendees && <Alert severity="error">{errors.attendees}</Alert>}
              <Stack spacing={0.5} data-testid="attendees">
                {draft.attendees.map((x) => (
                  <Stack key={x.key} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="attendee">
                    <Chip size="small" label={t(`calendar.attendeeKind.${x.kind}`)} variant="outlined" />
                    <Typography variant="body2" sx={{ flex: 1, minWidth: 0 }} noWrap>
                      <bdi>{x.name}</bdi>
                    </Typography>
                    {x.status && <Chip size="small" color={STATUS_COLOURS[x.status]} label={t(`calendar.status.${x.status}`)} data-testid="attendee-status" />}
                    {appointment && x.id && x.kind !== 'user' && <RecordStatus what="answer" appointmentId={appointment.id} attendeeId={x.id} />}
                    {appointment && x.id && <RecordStatus what="attendance" appointmentId={appointment.id} attendeeId={x.id} />}
                    <FormControlLabel
                      control={<Checkbox size="small" checked={x.mandatory} onChange={(e) => set({ attendees: draft.attendees.map((y) => (y.key === x.key ? { ...y, mandatory: e.target.checked } : y)) })} />}
                      label={t('calendar.form.mandatory')}
                    />
                    <IconButton size="small" aria-label={t('calendar.form.remove')} onClick={() => set({ attendees: draft.attendees.filter((y) => y.key !== x.key) })}>
                      <DeleteOutline fontSize="small" />
                    </IconButton>
                  </Stack>
                ))}
              </Stack>
            </Box>
          )}

          <TextField
            label={t('calendar.form.description')}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
            multiline
            minRows={2}
            size="small"
            slotProps={{ htmlInput: { dir: 'auto' } }}
          />
          <FormGroup row aria-label={t('calendar.form.notify')}>
            <Typography variant="body2" sx={{ alignSelf: 'center', marginInlineEnd: 2 }}>
              {t('calendar.form.notify')}
            </Typography>
            {CHANNELS.map((c) => (
              <FormControlLabel
                key={c}
                control={<Checkbox size="small" checked={draft.notify.includes(c)} onChange={(e) => set({ notify: e.target.checked ? [...draft.notify, c] : draft.notify.filter((x) => x !== c) })} />}
                label={t(`calendar.channel.${c}`)}
              />
            ))}
          </FormGroup>
          {conflict && (
            <ConflictPanel
              report={conflict.report}
              message={conflict.message}
              busy={busy}
              onTake={(slot: Slot) => {
                const next = withSlot(draft, slot);
                setDraft(next);
                void save(next, false);
              }}
              onOverride={() => void save(draft, true)}
            />
          )}
          {failure && failure.code !== 'conflict' && <Alert severity="error" data-testid="form-error">{failure.message}</Alert>}
          {appointment && (
            <>
              <Divider />
              <AppointmentReminders appointmentId={appointment.id} />
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {appointment && (
          <Button color="error" onClick={() => void cancel()} disabled={busy} data-testid="cancel-appointment">
            {scope === 'occurrence' ? t('calendar.form.cancelOccurrence') : t('calendar.form.cancelAppointment')}
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose}>{t('calendar.form.close')}</Button>
        <Button variant="contained" onClick={() => void save(draft, false)} disabled={busy} data-testid="save-appointment">
          {t('calendar.form.save')}
        </Button>
      </DialogActions>
    </>
  );
}

function userAttendee(userId: string, basics: CalendarBasics, mandatory: boolean): AttendeeDraft {
  return { key: `u:${userId}`, kind: 'user', userId, name: basics.usersById.get(userId) ?? '—', phone: '', email: '', fax: '', mandatory };
}

/**
 * What the office manager records for one attendee: an identity's (or ad-hoc contact's)
 * answer given by phone, or, after the meeting, who came. A refusal is shown under the field.
 */
const RECORDED = {
  answer: { label: 'calendar.form.answer', statuses: ['accepted', 'maybe', 'declined'] },
  attendance: { label: 'calendar.form.attendance', statuses: ['attended', 'absent'] },
} as const;

function RecordStatus({ what, appointmentId, attendeeId }: { what: keyof typeof RECORDED; appointmentId: string; attendeeId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const { label, statuses } = RECORDED[what];
  const record = async (status: string) => {
    // The menu offers only the statuses of RECORDED[what]; the backend checks them again.
    const r =
      what === 'answer'
        ? await api.call('calendar.appointments.respond', { appointmentId, attendeeId, status: status as 'accepted' | 'maybe' | 'declined' })
        : await api.call('calendar.appointments.attendance', { appointmentId, attendeeId, status: status as 'attended' | 'absent' });
    setError(r.ok ? null : r.error.message);
  };
  return (
    <TextField
      select
      size="small"
      label={t(label)}
      value=""
      onChange={(e) => void record(e.target.value)}
      error={Boolean(error)}
      helperText={error}
      sx={{ width: 110 }}
    >
      {statuses.map((s) => (
        <MenuItem key={s} value={s}>
          {t(`calendar.status.${s}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Read-only: what, when, where, who — and the caller's own answer. */
function AppointmentDetails({ appointment: a, occurrence, onClose }: { appointment: Appointment; occurrence: OccurrenceView | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useAppState();
  const [error, setError] = useState<string | null>(null);
  const startLocal = occurrence?.startLocal ?? a.startLocal;
  const endLocal = occurrence?.endLocal ?? a.endLocal;
  const mine = a.attendees.find((x) => x.id === a.myAttendeeId);
  const answer = async (status: 'accepted' | 'declined' | 'maybe') => {
    const r = await api.call('calendar.appointments.respond', { appointmentId: a.id, status });
    setError(r.ok ? null : r.error.message);
  };
  const when = useMemo(
    () =>
      a.allDay
        ? `${fullDate(occurrence?.startDate ?? a.startDate!, language)}${(occurrence?.endDate ?? a.endDate) !== (occurrence?.startDate ?? a.startDate) ? ` – ${fullDate(occurrence?.endDate ?? a.endDate!, language)}` : ''}`
        : `${fullDate(startLocal.slice(0, 10), language)} ${timeOf(startLocal, language)}–${timeOf(endLocal, language)}`,
    [a, occurrence, startLocal, endLocal, language],
  );
  return (
    <>
      <DialogContent dividers>
        <Stack spacing={1.5}>
          <Typography data-testid="details-when">{when}</Typography>
          {a.location.kind !== 'none' && (
            <Typography>
              {t('calendar.form.location')}: <bdi>{a.location.roomName ?? a.location.text}</bdi>
            </Typography>
          )}
          {a.coordinator && (
            <Typography>
              {t('calendar.form.coordinator')}: <bdi>{a.coordinator.name}</bdi>
            </Typography>
          )}
          {a.description && (
            <Typography sx={{ whiteSpace: 'pre-wrap' }}>
              <bdi>{a.description}</bdi>
            </Typography>
          )}
          <Divider />
          <Typography variant="subtitle2" sx={{ fontWeight: 700 }}>
            {t('calendar.form.attendees')}
          </Typography>
          {a.attendees.map((x) => (
            <Stack key={x.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" sx={{ flex: 1 }}>
                <bdi>{x.name}</bdi>
                {x.mandatory ? ` (${t('calendar.form.mandatory')})` : ''}
              </Typography>
              <Chip size="small" color={STATUS_COLOURS[x.status]} label={t(`calendar.status.${x.status}`)} />
            </Stack>
          ))}
          {mine && (
            <Box data-testid="my-answer">
              <Typography variant="subtitle2" sx={{ fontWeight: 700, mb: 1 }}>
                {t('calendar.form.yourAnswer')}
              </Typography>
              <Stack direction="row" spacing={1}>
                {(['accepted', 'maybe', 'declined'] as const).map((s) => (
                  <Button key={s} variant={mine.status === s ? 'contained' : 'outlined'} color={s === 'declined' ? 'error' : s === 'maybe' ? 'warning' : 'success'} onClick={() => void answer(s)} data-testid={`answer-${s}`}>
                    {t(`calendar.answer.${s}`)}
                  </Button>
                ))}
              </Stack>
            </Box>
          )}
          {error && <Alert severity="error">{error}</Alert>}
          <Divider />
          <AppointmentReminders appointmentId={a.id} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('calendar.form.close')}</Button>
      </DialogActions>
    </>
  );
}
