/**
 * My work calendar (تقویم کاری من): every calendar the user may read, overlaid in its
 * colour (which are shown is remembered per user), as a day, week, month, agenda or
 * rooms/people timeline, in working hours or all 24; filters by attendees (users and
 * identities: same type OR'ed, different types AND'ed) and rooms.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import Alert from '@mui/material/Alert';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import LinearProgress from '@mui/material/LinearProgress';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import AddOutlined from '@mui/icons-material/AddOutlined';
import MoreVert from '@mui/icons-material/MoreVert';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import InboxOutlined from '@mui/icons-material/InboxOutlined';
import FilterListOutlined from '@mui/icons-material/FilterListOutlined';
import GlobalStyles from '@mui/material/GlobalStyles';
import type { CalendarInfo, CalendarView, OccasionView, OccurrenceView } from '../../../main/contract';
import { unpackRows } from '../../../main/api/rpc';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useStableHandlers } from '../../app/useStableHandlers';
import { localiseDigits } from '../../format/digits';
import { directionOf } from '../../format/language';
import { addDays, addJalaliMonths, longDate, monthGrid, monthTitle, nowIn, todayIn, weekDays, fullDate, timeOf } from './calendarGrid';
import { AppointmentDialog, type DialogTarget } from './AppointmentDialog';
import { AvailabilityDialog } from './AvailabilityDialog';
import { MoveDialog, moveAppointment, type PendingMove } from './MoveDialog';
import { IdentitiesPicker, UsersPicker, type Option } from './Pickers';
import { APPOINTMENT_TABLES, CALENDAR_TABLES, useCalendarBasics, workingMinutes } from './useCalendarBasics';
import { download } from './display';
import { FREE_STRIP_PX, RESIZE_EDGE_PX, WeekView, type MoveRequest } from './views/WeekView';
import { MonthView } from './views/MonthView';
import { AgendaView } from './views/AgendaView';
import { TimelineView } from './views/TimelineView';

const VIEWS: CalendarView[] = ['day', 'week', 'month', 'agenda', 'timeline'];
/** Friday, until the office's settings say otherwise. */
const FRIDAY = [5];
const NO_OCCURRENCES: OccurrenceView[] = [];
const NO_OCCASIONS: OccasionView[] = [];

/** Shared look of appointments in every view: one class, positions are inline styles. */
const ITEM_STYLES = (
  <GlobalStyles
    styles={(theme) => ({
      // The font is set where it is inherited from, never on each timed item: an element that
      // declares font properties gets a font of its own, and a crowded week's style pass was
      // mostly building 2,000 of them (the lanes box below sets it once per day).
      '.calendar-item:not(.calendar-timed), .calendar-lanes, .calendar-ghost': { font: 'inherit', fontSize: 12, lineHeight: 1.35 },
      '.calendar-item': {
        color: theme.palette.text.primary,
        border: 0,
        borderInlineStart: '3px solid',
        borderRadius: 4,
        padding: '1px 4px',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
        textOverflow: 'ellipsis',
        cursor: 'pointer',
        boxSizing: 'border-box',
      },
      '.calendar-timed': { position: 'absolute', whiteSpace: 'normal', touchAction: 'none', userSelect: 'none' },
      // The week view's start time, from the item's data-time (see WeekView: no child elements
      // per item), first in the page's direction and isolated from the subject's.
      '.calendar-timed[data-time]::before': { content: 'attr(data-time) " "', unicodeBidi: 'isolate', fontWeight: 700, color: theme.palette.text.secondary },
      '.calendar-bar': { position: 'absolute' },
      '.calendar-ghost': { outline: `2px dashed ${theme.palette.primary.main}`, zIndex: 2, pointerEvents: 'none' },
      '.calendar-time': { fontWeight: 700, color: theme.palette.text.secondary },
      // The week view's timed items are placed in percentages of this box: its day column less the free strip.
      '.calendar-lanes': { position: 'absolute', insetBlock: 0, insetInlineStart: 0, insetInlineEnd: FREE_STRIP_PX, pointerEvents: 'none' },
      // The transparent end border is the 2 px gap between side-by-side items.
      '.calendar-lanes > .calendar-item': { pointerEvents: 'auto', borderInlineEnd: '2px solid transparent', backgroundClip: 'padding-box' },
      '.calendar-item.calendar-editable': { cursor: 'grab' },
      '.calendar-item.calendar-dragged': { opacity: 0.35 },
      // The resize handle exists only on the item under the pointer.
      '.calendar-item.calendar-editable:hover::after': { content: '""', position: 'absolute', insetInline: 0, bottom: 0, height: RESIZE_EDGE_PX, cursor: 'ns-resize' },
      '.calendar-item:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
      // The week view's "+N" marker (a button: its font is the lanes' one, not the browser's).
      '.calendar-item.calendar-more': {
        font: 'inherit',
        fontWeight: 700,
        textAlign: 'center',
        color: theme.palette.primary.main,
        backgroundColor: theme.palette.action.selected,
        borderInlineStartColor: theme.palette.primary.main,
      },
    })}
  />
);

/**
 * The calendars, one chip each, pressed when shown. Memoised: the page draws itself several
 * times while it opens (settings, calendars, preferences and the list arrive one by one, the
 * grid is measured), and twenty chips with a style each were a large part of each time.
 */
const CalendarChips = memo(function CalendarChips(p: { calendars: CalendarInfo[]; shownIds: string[] | null; occasionsLabel: string; onShow(ids: string[]): void }) {
  return p.calendars.map((c) => {
    const on = p.shownIds === null || p.shownIds.includes(c.id);
    return (
      <Chip
        key={c.id}
        label={c.kind === 'occasions' ? p.occasionsLabel : c.name}
        size="small"
        variant={on ? 'filled' : 'outlined'}
        onClick={() => {
          const current = p.shownIds ?? p.calendars.map((x) => x.id);
          p.onShow(on ? current.filter((id) => id !== c.id) : [...current, c.id]);
        }}
        sx={on ? { bgcolor: c.colour, color: '#fff', '&:hover': { bgcolor: c.colour, opacity: 0.9 } } : { borderColor: c.colour, color: c.colour }}
        aria-pressed={on}
        data-testid="calendar-chip"
      />
    );
  });
});

export function CalendarPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { language, can } = useAppState();
  const basics = useCalendarBasics();
  const prefs = useQuery('calendar.preferences.get', {}, { reads: CALENDAR_TABLES, keep: true, early: true });
  const zone = basics.settings?.zone ?? 'Asia/Tehran';
  const today = todayIn(zone);
  const [params, setParams] = useSearchParams();
  const [date, setDate] = useState(params.get('date') ?? today);
  const [viewOverride, setView] = useState<CalendarView | null>(null);
  const [hoursOverride, setHours] = useState<'working' | 'all' | null>(null);
  const [rowsOf, setRowsOf] = useState<'rooms' | 'people'>('rooms');
  const [filters, setFilters] = useState<{ users: string[]; identities: Option[]; rooms: string[] }>({ users: [], identities: [], rooms: [] });
  const [showFilters, setShowFilters] = useState(false);
  const [target, setTarget] = useState<DialogTarget | null>(null);
  const [availability, setAvailability] = useState(false);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);

  const view: CalendarView = viewOverride ?? prefs.data?.view ?? 'week';
  const hoursMode = hoursOverride ?? prefs.data?.hours ?? 'working';
  // The same objects from one render to the next, so the memoised day columns are not drawn
  // again each time the page is (docs/architecture.md, "The calendar's day and week views").
  const working = useMemo(() => workingMinutes(basics.settings), [basics.settings]);
  const hours = useMemo(() => (hoursMode === 'all' ? { start: 0, end: 1440 } : working), [hoursMode, working]);
  const weekendDays = basics.settings?.weekendDays ?? FRIDAY;
  const shownIds = prefs.data?.shownCalendarIds ?? null;
  const shown = basics.calendars.filter((c) => shownIds === null || shownIds.includes(c.id));

  const range = useMemo(() => {
    if (view === 'week') {
      const days = weekDays(date);
      return { from: days[0]!, to: days[6]!, days };
    }
    if (view === 'month') {
      const g = monthGrid(date).weeks.flat();
      return { from: g[0]!, to: g[g.length - 1]!, days: g };
    }
    if (view === 'agenda') {
      const days = Array.from({ length: 8 }, (_, i) => addDays(date, i));
      return { from: days[0]!, to: days[7]!, days };
    }
    return { from: date, to: date, days: [date] };
  }, [view, date]);

  const list = useQuery(
    'calendar.appointments.list',
    basics.loading || prefs.loading
      ? null
      : {
          from: range.from,
          to: range.to,
          calendarIds: shown.map((c) => c.id),
          ...(filters.users.length ? { userIds: filters.users } : {}),
          ...(filters.identities.length ? { identityIds: filters.identities.map((i) => i.id) } : {}),
          ...(filters.rooms.length ? { roomIds: filters.rooms } : {}),
          ...(view === 'timeline' && rowsOf === 'people' ? { people: true } : {}),
        },
    // Asked while the page mounts: the week's list is the answer a person waits for.
    { reads: APPOINTMENT_TABLES, early: true },
  );
  // The list comes packed (main/api/rpc.ts, packRows): made into records once per answer.
  const occurrences = useMemo(() => (list.data ? unpackRows(list.data.occurrences) : NO_OCCURRENCES), [list.data]);
  const occasions = list.data?.occasions ?? NO_OCCASIONS;
  // The grid is first drawn when the settings (shown hours, weekend), the calendars (colours),
  // the preferences (view, hours) and the first list are all in, not once as each arrives;
  // after that it stays (moving to another week empties it while the new list comes).
  const [gridShown, setGridShown] = useState(false);
  if (!gridShown && !basics.loading && !prefs.loading && !list.loading) setGridShown(true);

  const remember = useCallback(
    (patch: { view?: CalendarView; hours?: 'working' | 'all'; shownCalendarIds?: string[] | null }) => {
      void api.call('calendar.preferences.update', patch).then(() => prefs.refetch());
    },
    [api, prefs],
  );
  // The chips get a function that never changes (it calls the newest remember), so they are
  // not drawn again each time the page is (see CalendarChips).
  const { showCalendars } = useStableHandlers({ showCalendars: (ids: string[]) => remember({ shownCalendarIds: ids }) });

  const step = (dir: 1 | -1) => {
    if (view === 'month') setDate(addJalaliMonths(date, dir));
    else setDate(addDays(date, dir * (view === 'week' || view === 'agenda' ? 7 : 1)));
  };

  const open = (o: OccurrenceView) => setTarget({ kind: 'open', appointmentId: o.appointmentId, occurrence: o });
  const create = (start: string, end: string, extra: { roomId?: string; userId?: string } = {}) => {
    if (!can('calendar.book')) return;
    setTarget({ kind: 'new', start, end, ...extra });
  };
  const move = (m: MoveRequest) => {
    // A repeating appointment asks which occurrences move; a single one moves at once.
    if (m.occurrence.recurring) {
      setPendingMove({ ...m, conflict: null });
      return;
    }
    void moveAppointment(api, m, 'series', false).then((r) => {
      if (r.kind === 'conflict') setPendingMove({ ...m, scope: 'series', conflict: r.conflict });
      else setNotice(r.kind === 'done' ? { severity: 'success', text: t('calendar.move.done', { time: `${fullDate(m.start.slice(0, 10), language)} ${timeOf(m.start, language)}` }) } : { severity: 'error', text: r.message });
    });
  };
  // The week view gets functions that never change (they call the newest open/create/move),
  // so its memoised day columns keep their props while the page draws itself again.
  const weekActions = useStableHandlers({ open, create: (start: string, end: string) => create(start, end), move });

  // Opened from elsewhere (the dashboard's today list, the cartable): ?open=<id>&date=<day>.
  const opening = params.get('open');
  const shownTarget: DialogTarget | null = target ?? (opening ? { kind: 'open', appointmentId: opening, occurrence: null } : null);
  const closeTarget = () => {
    setTarget(null);
    if (opening) {
      const next = new URLSearchParams(params);
      next.delete('open');
      setParams(next, { replace: true });
    }
  };

  const rtl = directionOf(language) === 'rtl';
  const title =
    view === 'month'
      ? monthTitle(date, language)
      : view === 'week'
        ? `${longDate(range.from, language)} – ${longDate(range.to, language)}`
        : view === 'agenda'
          ? `${longDate(range.from, language)} – ${longDate(range.to, language)}`
          : fullDate(date, language);

  const exportIcs = async () => {
    setMenu(null);
    const r = await api.call('calendar.ics.export', { from: range.from, to: range.to });
    if (r.ok) download(r.value.filename, r.value.text, 'text/calendar');
    else setNotice({ severity: 'error', text: r.error.message });
  };
  const importIcs = (file: File, calendarId: string) => {
    void file.text().then(async (text) => {
      const r = await api.call('calendar.ics.import', { calendarId, text });
      setNotice(r.ok ? { severity: 'success', text: t('calendar.ics.imported', { n: localiseDigits(String(r.value.imported), language), skipped: localiseDigits(String(r.value.skipped), language) }) } : { severity: 'error', text: r.error.message });
    });
  };
  // The "import into …" entries of the menu, translated once per calendar list and language:
  // the page draws several times as its answers arrive, and each translation with a value
  // costs i18next about 0.1 ms (20 calendars: some 8 ms of the week's first drawing).
  const importTargets = useMemo(
    () => basics.calendars.filter((c) => c.kind === 'regular' && c.access === 'read-write').map((c) => ({ id: c.id, label: t('calendar.ics.importInto', { name: c.name }) })),
    [basics.calendars, t],
  );

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 96px)', minHeight: 420 }} data-testid="calendar-page">
      {ITEM_STYLES}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
        <Typography variant="h6" component="h1" sx={{ fontWeight: 700, marginInlineEnd: 1 }}>
          {t('calendar.title')}
        </Typography>
        <Button size="small" variant="outlined" onClick={() => setDate(today)} data-testid="go-today">
          {t('calendar.today')}
        </Button>
        <IconButton size="small" onClick={() => step(-1)} aria-label={t('calendar.previous')} data-testid="go-previous">
          {rtl ? <ChevronRight /> : <ChevronLeft />}
        </IconButton>
        <IconButton size="small" onClick={() => step(1)} aria-label={t('calendar.next')} data-testid="go-next">
          {rtl ? <ChevronLeft /> : <ChevronRight />}
        </IconButton>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, minWidth: 0 }} data-testid="range-title">
          {title}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <ToggleButtonGroup
          exclusive
          size="small"
          value={view}
          onChange={(_, v: CalendarView | null) => {
            if (!v) return;
            setView(v);
            remember({ view: v });
          }}
          aria-label={t('calendar.view.label')}
        >
          {VIEWS.map((v) => (
            <ToggleButton key={v} value={v} data-testid={`view-${v}`} sx={{ px: 1.25 }}>
              {t(`calendar.view.${v}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={hoursMode}
          onChange={(_, v: 'working' | 'all' | null) => {
            if (!v) return;
            setHours(v);
            remember({ hours: v });
          }}
          aria-label={t('calendar.hours.label')}
        >
          <ToggleButton value="working" data-testid="hours-working" sx={{ px: 1 }}>
            {t('calendar.hours.working')}
          </ToggleButton>
          <ToggleButton value="all" data-testid="hours-all" sx={{ px: 1 }}>
            {t('calendar.hours.all')}
          </ToggleButton>
        </ToggleButtonGroup>
      </Stack>

      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
        <CalendarChips calendars={basics.calendars} shownIds={shownIds} occasionsLabel={t('calendar.occasionsCalendar')} onShow={showCalendars} />
        <Box sx={{ flex: 1 }} />
        <Button size="small" startIcon={<FilterListOutlined />} onClick={() => setShowFilters((s) => !s)} data-testid="toggle-filters" color={filters.users.length + filters.identities.length + filters.rooms.length > 0 ? 'secondary' : 'primary'}>
          {t('calendar.filters.button')}
        </Button>
        <Button size="small" startIcon={<EventAvailableOutlined />} onClick={() => setAvailability(true)} data-testid="open-availability">
          {t('calendar.availability.button')}
        </Button>
        <Button size="small" startIcon={<InboxOutlined />} component={RouterLink} to="/calendar/cartable" data-testid="open-cartable">
          {t('calendar.cartable.title')}
        </Button>
        {can('calendar.book') && (
          <Button size="small" variant="contained" startIcon={<AddOutlined />} onClick={() => create(`${date}T10:00`, `${date}T11:00`)} data-testid="new-appointment">
            {t('calendar.new')}
          </Button>
        )}
        <Tooltip title={t('calendar.moreActions')}>
          <IconButton size="small" onClick={(e) => setMenu(e.currentTarget)} aria-label={t('calendar.moreActions')}>
            <MoreVert />
          </IconButton>
        </Tooltip>
        <Menu anchorEl={menu} open={Boolean(menu)} onClose={() => setMenu(null)}>
          <MenuItem onClick={() => void exportIcs()}>{t('calendar.ics.export')}</MenuItem>
          {can('calendar.book') &&
            importTargets.map((c) => (
              <MenuItem key={c.id} component="label">
                {c.label}
                <input
                  type="file"
                  accept=".ics,text/calendar"
                  hidden
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    setMenu(null);
                    if (file) importIcs(file, c.id);
                  }}
                />
              </MenuItem>
            ))}
        </Menu>
      </Stack>

      {showFilters && (
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1.5, mb: 1 }} data-testid="filters">
          <Box sx={{ flex: 1, minWidth: 200 }}>
            <UsersPicker label={t('calendar.filters.users')} users={basics.users} value={filters.users} onChange={(users) => setFilters({ ...filters, users })} testId="filter-users" />
          </Box>
          <Box sx={{ flex: 1, minWidth: 200 }}>
            <IdentitiesPicker label={t('calendar.filters.identities')} value={filters.identities} onChange={(identities) => setFilters({ ...filters, identities })} />
          </Box>
          <TextField
            select
            size="small"
            label={t('calendar.filters.rooms')}
            value={filters.rooms}
            onChange={(e) => setFilters({ ...filters, rooms: typeof e.target.value === 'string' ? e.target.value.split(',') : (e.target.value as string[]) })}
            slotProps={{ select: { multiple: true } }}
            sx={{ minWidth: 180 }}
            data-testid="filter-rooms"
          >
            {basics.rooms.map((r) => (
              <MenuItem key={r.id} value={r.id}>
                {r.name}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="caption" color="text.secondary" sx={{ alignSelf: 'center', maxWidth: 260 }}>
            {t('calendar.filters.rule')}
          </Typography>
        </Stack>
      )}

      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(null)} sx={{ mb: 1 }} data-testid="calendar-notice">
          {notice.text}
        </Alert>
      )}
      {list.error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {list.error.message}
        </Alert>
      )}
      <Box sx={{ height: 4 }}>{list.loading && <LinearProgress />}</Box>

      <Box
        sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}
        data-testid="calendar-body"
        data-loaded={list.data ? 'true' : 'false'}
        data-count={occurrences.length}
      >
        {(view === 'day' || view === 'week') && gridShown && (
          <WeekView
            days={range.days}
            occurrences={occurrences}
            occasions={occasions}
            calendars={basics.byId}
            hours={hours}
            working={working}
            weekendDays={weekendDays}
            today={today}
            now={nowIn(zone)}
            language={language}
            onOpen={weekActions.open}
            onCreate={weekActions.create}
            onMove={weekActions.move}
          />
        )}
        {view === 'month' && (
          <MonthView
            date={date}
            occurrences={occurrences}
            occasions={occasions}
            calendars={basics.byId}
            weekendDays={weekendDays}
            today={today}
            language={language}
            onOpen={open}
            onDay={(d) => {
              setDate(d);
              setView('day');
            }}
          />
        )}
        {view === 'agenda' && <AgendaView days={range.days} occurrences={occurrences} occasions={occasions} calendars={basics.byId} language={language} onOpen={open} />}
        {view === 'timeline' && (
          <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
            <ToggleButtonGroup exclusive size="small" value={rowsOf} onChange={(_, v: 'rooms' | 'people' | null) => v && setRowsOf(v)} sx={{ m: 1 }}>
              <ToggleButton value="rooms" data-testid="timeline-rooms">
                {t('calendar.timeline.rooms')}
              </ToggleButton>
              <ToggleButton value="people" data-testid="timeline-people">
                {t('calendar.timeline.people')}
              </ToggleButton>
            </ToggleButtonGroup>
            <TimelineView
              date={date}
              rows={
                rowsOf === 'rooms'
                  ? basics.rooms.filter((r) => !filters.rooms.length || filters.rooms.includes(r.id)).map((r) => ({ id: r.id, name: r.name, detail: r.capacity ? t('calendar.capacity', { n: localiseDigits(String(r.capacity), language) }) : '' }))
                  : basics.users.filter((u) => !filters.users.length || filters.users.includes(u.id)).map((u) => ({ id: u.id, name: u.displayName }))
              }
              rowOf={(o) => (rowsOf === 'rooms' ? (o.roomId ? [o.roomId] : []) : o.userIds)}
              occurrences={occurrences}
              calendars={basics.byId}
              hours={hours}
              language={language}
              onOpen={open}
              onCreate={(rowId, start, end) => create(start, end, rowsOf === 'rooms' ? { roomId: rowId } : { userId: rowId })}
            />
          </Box>
        )}
      </Box>

      {shownTarget && <AppointmentDialog key={JSON.stringify(shownTarget)} target={shownTarget} basics={basics} onClose={closeTarget} />}
      {availability && (
        <AvailabilityDialog
          basics={basics}
          date={date}
          onClose={() => setAvailability(false)}
          onBook={(start, end, roomId) => {
            setAvailability(false);
            create(start, end, { roomId });
          }}
        />
      )}
      {pendingMove && <MoveDialog move={pendingMove} onClose={() => setPendingMove(null)} onDone={(text) => setNotice(text ? { severity: 'success', text } : null)} />}
    </Box>
  );
}
