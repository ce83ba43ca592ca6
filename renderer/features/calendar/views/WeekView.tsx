/**
 * Day and week views: one column per day (Saturday first, so on the right in Persian),
 * hours down the side, all-day items and occasions on top. Appointments the user may edit
 * are dragged to move them (to another time or day) and dragged at their lower edge to
 * resize them, in steps of 15 minutes; a click opens one, a click on empty time starts a
 * new one there.
 *
 * Long weeks hold thousands of items: their position is an inline style (one shared
 * class), not a generated class per item, and only the items a person can see write their
 * text (shownText.ts); the others are text-less boxes that keep their colour, tab stop and
 * aria-label, and get their text once scrolled to. A stretch of a day that needs more lanes
 * than fit readably (lanesThatFit) keeps its first lanes and shows the rest as one "+N"
 * marker in the last lane (collapseLanes), a button whose menu lists them and opens one.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import Tooltip from '@mui/material/Tooltip';
import GlobalStyles from '@mui/material/GlobalStyles';
import type { CalendarInfo, OccasionView, OccurrenceView } from '../../../../main/contract';
import type { Language } from '../../../format/language';
import { localiseDigits } from '../../../format/digits';
import { useStableHandlers } from '../../../app/useStableHandlers';
import { collapseLanes, dayHeader, daysBetween, hourLabel, localAt, minutesOf, rememberedTimes, roundTo, segmentOn, timeOf, weekday, layoutDay, type Placed } from '../calendarGrid';
import { occasionTitle } from '../display';
import { MoreList } from './MoreList';
import { MIN_TEXT_LANE_PX, lanesThatFit, showsText, textBand, type Band } from './shownText';

export const PX_PER_MINUTE = 1.1;
const STEP = 15;

export interface MoveRequest {
  occurrence: OccurrenceView;
  start: string;
  end: string;
}

interface Props {
  days: string[];
  occurrences: OccurrenceView[];
  occasions: OccasionView[];
  calendars: Map<string, CalendarInfo>;
  /** Shown hours, minutes after midnight. */
  hours: { start: number; end: number };
  working: { start: number; end: number };
  weekendDays: number[];
  today: string;
  now: string;
  language: Language;
  onOpen(o: OccurrenceView): void;
  onCreate(start: string, end: string): void;
  onMove(m: MoveRequest): void;
}

interface Drag {
  key: string;
  mode: 'move' | 'resize';
  startX: number;
  startY: number;
  dayIndex: number;
  columns: DOMRect[];
  moved: boolean;
}

/**
 * Memoised: the page draws itself again as its settings, calendars, organisation and list
 * arrive, and it hands this view props that keep their identity (CalendarPage).
 */
export const WeekView = memo(function WeekView(p: Props) {
  const { t } = useTranslation();
  const height = (p.hours.end - p.hours.start) * PX_PER_MINUTE;
  const [drag, setDrag] = useState<Drag | null>(null);
  const [shift, setShift] = useState<{ days: number; minutes: number }>({ days: 0, minutes: 0 });

  const timed = useMemo(() => p.occurrences.filter((o) => !o.allDay), [p.occurrences]);
  const allDay = useMemo(() => p.occurrences.filter((o) => o.allDay), [p.occurrences]);
  const placedByDay = useMemo(() => {
    // Each item is cut only on the days it touches (the shown days are consecutive), not
    // tried against every day of the week.
    const segments = p.days.map((): { item: OccurrenceView; top: number; bottom: number }[] => []);
    const first = p.days[0];
    if (first === undefined) return [];
    const dayIndex = new Map(p.days.map((d, i) => [d, i]));
    for (const o of timed) {
      // Most items start and end on one shown day: their segment is their own clock times
      // (what segmentOn answers for them), without date arithmetic for each of thousands.
      const day = dayIndex.get(o.startLocal.slice(0, 10));
      if (day !== undefined && o.endLocal.startsWith(p.days[day]!)) {
        const bottom = minutesOf(o.endLocal);
        if (bottom > 0) segments[day]!.push({ item: o, top: minutesOf(o.startLocal), bottom });
        continue;
      }
      const from = Math.max(0, daysBetween(first, o.startLocal.slice(0, 10)));
      const to = Math.min(p.days.length - 1, daysBetween(first, o.endLocal.slice(0, 10)));
      for (let i = from; i <= to; i++) {
        const s = segmentOn(p.days[i]!, o.startLocal, o.endLocal);
        if (s) segments[i]!.push({ item: o, ...s });
      }
    }
    return segments.map((day) => layoutDay(day));
  }, [p.days, timed]);

  const begin = (e: ReactPointerEvent, o: OccurrenceView, dayIndex: number, target: HTMLElement) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    if (!o.canEdit) return;
    target.setPointerCapture(e.pointerId);
    // The lower edge resizes (its handle is drawn by CSS on hover): one read of one box, on press.
    const mode: Drag['mode'] = e.clientY >= target.getBoundingClientRect().bottom - RESIZE_EDGE_PX ? 'resize' : 'move';
    // The day columns as laid out now (their order on screen follows the page direction).
    const columns = [...(target.closest('[data-testid="week-hours"]')?.querySelectorAll('[data-day-column]') ?? [])].map((c) => c.getBoundingClientRect());
    setDrag({
      key: o.key,
      mode,
      startX: e.clientX,
      startY: e.clientY,
      dayIndex,
      columns,
      moved: false,
    });
    setShift({ days: 0, minutes: 0 });
  };

  const track = (e: ReactPointerEvent) => {
    if (!drag) return;
    const minutes = roundTo((e.clientY - drag.startY) / PX_PER_MINUTE, STEP);
    // The day under the pointer, whatever the direction of the page.
    const over = drag.columns.findIndex((r) => e.clientX >= r.left && e.clientX < r.right);
    const days = drag.mode === 'move' && over >= 0 ? over - drag.dayIndex : 0;
    const moved = drag.moved || Math.abs(e.clientY - drag.startY) > 4 || Math.abs(e.clientX - drag.startX) > 4;
    if (moved !== drag.moved) setDrag({ ...drag, moved });
    if (days !== shift.days || minutes !== shift.minutes) setShift({ days, minutes });
  };

  const finish = (o: OccurrenceView) => {
    const d = drag;
    setDrag(null);
    setShift({ days: 0, minutes: 0 });
    if (!d || !d.moved) {
      p.onOpen(o);
      return;
    }
    const moved = movedTimes(o, d.mode, shift);
    if (moved.start !== o.startLocal || moved.end !== o.endLocal) p.onMove({ occurrence: o, ...moved });
  };

  // The day columns get handlers that never change, which call the newest ones
  // (useStableHandlers): a pointer move during a drag re-renders only the columns whose ghost
  // changed, not all seven (each column is memoised; begin/track/finish are new every render).
  const pointer = useStableHandlers({ begin, track, finish });

  // Each calendar's colours as one class, rather than two inline colours on every item.
  const colours = useMemo(() => {
    const index = new Map([...p.calendars.keys()].map((id, i) => [id, i]));
    const styles: Record<string, ReturnType<typeof itemColours>> = { '.calendar-item.calendar-colour-none': itemColours(undefined) };
    for (const [id, i] of index) styles[`.calendar-item.calendar-colour-${i}`] = itemColours(p.calendars.get(id)?.colour);
    const classOf = (calendarId: string) => {
      const i = index.get(calendarId);
      return i === undefined ? 'calendar-colour-none' : `calendar-colour-${i}`;
    };
    return { styles, classOf };
  }, [p.calendars]);
  // A crowded week repeats the same few start and end times: each is written out once.
  const times = useMemo(() => rememberedTimes(p.language), [p.language]);

  // What the hours scroller shows (measured before the first paint, then on scroll and
  // resize): which hours and how wide a day's lanes are decide which items write text.
  const scroller = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<{ days: number; band: Band; columnPx: number } | null>(null);
  const lastMeasured = useRef<{ days: number; band: Band; columnPx: number } | null>(null);
  const dayCount = p.days.length;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      const column = el.querySelector<HTMLElement>('[data-day-column]');
      const next = { days: dayCount, band: textBand(el.scrollTop, el.clientHeight), columnPx: Math.max(0, (column?.clientWidth ?? 0) - FREE_STRIP_PX) };
      // Compared here rather than in a state updater: an updater that returns the same state
      // still draws this view once more (the ResizeObserver's first call always comes).
      const prev = lastMeasured.current;
      if (prev && prev.days === next.days && prev.columnPx === next.columnPx && prev.band.top === next.band.top && prev.band.bottom === next.band.bottom) return;
      lastMeasured.current = next;
      setMeasured(next);
    };
    measure();
    const resized = new ResizeObserver(measure);
    resized.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      resized.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [dayCount]);
  // Until measured (the first render, followed at once by the measured one before the frame
  // is drawn) no item is placed: placing them twice would cost twice.
  const grid = measured && measured.days === dayCount ? measured : null;
  const shownByDay = useMemo(() => (grid ? placedByDay.map((placed) => shownItems(placed, p.hours, grid.band, grid.columnPx)) : null), [placedByDay, p.hours, grid]);
  const counts = useMemo(() => {
    let drawn = 0;
    let texts = 0;
    let markers = 0;
    let hidden = 0;
    for (const day of shownByDay ?? []) {
      for (const x of day) {
        if (x.kind === 'item') {
          drawn += 1;
          if (x.text) texts += 1;
        } else {
          markers += 1;
          hidden += x.hidden.length;
        }
      }
    }
    return { drawn, texts, markers, hidden };
  }, [shownByDay]);

  // The list a "+N" marker opens (one for the whole view; the columns only ask for it).
  const [more, setMore] = useState<{ anchor: HTMLElement; hidden: OccurrenceView[]; label: string } | null>(null);
  const openMore = useCallback((hidden: OccurrenceView[], label: string, anchor: HTMLElement) => setMore({ anchor, hidden, label }), []);

  const dragged = drag ? timed.find((o) => o.key === drag.key) : undefined;
  const ghost = dragged && drag?.moved ? movedTimes(dragged, drag.mode, shift) : null;

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}
      data-testid="week-view"
      // The timed items in the shown hours, how many are drawn (and write their text), and how
      // many stand behind how many "+N" markers (the bench and the e2e read these).
      data-items={shownByDay ? counts.drawn + counts.hidden : undefined}
      data-drawn={shownByDay ? counts.drawn : undefined}
      data-texts={shownByDay ? counts.texts : undefined}
      data-markers={shownByDay ? counts.markers : undefined}
      data-hidden={shownByDay ? counts.hidden : undefined}
    >
      <GlobalStyles styles={colours.styles} />
      {/* Day headers and the all-day row. */}
      <Box sx={{ display: 'flex', borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ width: 56, flexShrink: 0 }} />
        {p.days.map((day) => {
          const occasions = p.occasions.filter((x) => x.date === day);
          const off = p.weekendDays.includes(weekday(day)) || occasions.some((x) => x.dayOff);
          const items = allDay.filter((o) => o.startDate! <= day && o.endDate! >= day);
          return (
            <Box key={day} sx={{ flex: 1, minWidth: 0, borderInlineStart: 1, borderColor: 'divider', p: 0.5 }} data-testid={`day-${day}`}>
              <Typography
                variant="body2"
                sx={{ fontWeight: day === p.today ? 800 : 600, color: off ? 'error.main' : day === p.today ? 'primary.main' : 'text.primary', textAlign: 'center' }}
                data-testid="day-header"
              >
                {dayHeader(day, p.language)}
              </Typography>
              {occasions.map((x) => (
                <Tooltip key={x.id} title={x.note ?? ''} disableHoverListener={!x.note}>
                  <Typography
                    variant="caption"
                    component="div"
                    noWrap
                    sx={{ color: x.dayOff ? 'error.main' : 'text.secondary', textAlign: 'center' }}
                    data-testid="occasion"
                  >
                    {occasionTitle(x, p.language)}
                    {x.uncertain ? ' *' : ''}
                  </Typography>
                </Tooltip>
              ))}
              {items.map((o) => (
                <Box
                  key={o.key}
                  component="button"
                  type="button"
                  onClick={() => p.onOpen(o)}
                  className="calendar-item"
                  style={itemColours(p.calendars.get(o.calendarId)?.colour)}
                  sx={{ display: 'block', width: '100%', mt: 0.25, textAlign: 'start' }}
                >
                  <bdi>{o.subject}</bdi>
                </Box>
              ))}
            </Box>
          );
        })}
      </Box>

      {/* The hours. */}
      <Box ref={scroller} sx={{ flex: 1, overflowY: 'auto', minHeight: 0 }} data-testid="week-hours">
        <Box sx={{ display: 'flex', position: 'relative', height }}>
          <Box sx={{ width: 56, flexShrink: 0, position: 'relative' }}>
            {hourMarks(p.hours).map((m) => (
              <Typography
                key={m}
                variant="caption"
                color="text.secondary"
                sx={{ position: 'absolute', insetInlineEnd: 6, transform: 'translateY(-50%)' }}
                style={{ top: (m - p.hours.start) * PX_PER_MINUTE }}
              >
                {m > p.hours.start ? hourLabel(m / 60, p.language) : ''}
              </Typography>
            ))}
          </Box>
          {p.days.map((day, dayIndex) => (
            <DayColumn
              key={day}
              day={day}
              dayIndex={dayIndex}
              shown={shownByDay?.[dayIndex] ?? NONE}
              {...p}
              dragKey={drag?.moved ? drag.key : null}
              times={times}
              colourClass={colours.classOf}
              onPointerDown={pointer.begin}
              onPointerMove={pointer.track}
              onPointerUp={pointer.finish}
              onMore={openMore}
              ghost={ghost && dragged && ghost.start.slice(0, 10) <= day && ghost.end >= `${day}T00:00` ? { o: dragged, ...ghost } : null}
              dragLabel={t('calendar.dragHint')}
            />
          ))}
        </Box>
      </Box>
      {more && (
        <MoreList
          anchor={more.anchor}
          items={more.hidden}
          label={more.label}
          timesOf={(o) => `${times(o.startLocal)}–${times(o.endLocal)}`}
          colourOf={(o) => itemColours(p.calendars.get(o.calendarId)?.colour).borderInlineStartColor}
          onPick={(o) => {
            setMore(null);
            p.onOpen(o);
          }}
          onClose={() => setMore(null)}
        />
      )}
    </Box>
  );
});

interface ShownItem {
  kind: 'item';
  o: OccurrenceView;
  /** Px from the top of the shown hours, and height. */
  y: number;
  h: number;
  column: number;
  columns: number;
  /** Writes its start time and subject (shownText.ts); else a text-less box. */
  text: boolean;
  /** Its lane is too narrow for text: the label shows on hover instead. */
  narrow: boolean;
}

/** A "+N" marker: the items of a stretch too deep to draw readably (collapseLanes). */
interface ShownMarker {
  kind: 'more';
  /** Minutes after midnight that its hidden items span. */
  from: number;
  to: number;
  y: number;
  h: number;
  column: number;
  columns: number;
  hidden: OccurrenceView[];
}

type Shown = ShownItem | ShownMarker;

const NONE: Shown[] = [];

/**
 * A day's items and "+N" markers inside the shown hours, in px, in the order they are read
 * (by time, then lane: the tab order), each item with whether it writes its text. Only as
 * many lanes as fit readably in the column are drawn (collapseLanes).
 */
function shownItems(placed: Placed<OccurrenceView>[], hours: { start: number; end: number }, band: Band, columnPx: number): Shown[] {
  const out: Shown[] = [];
  const box = (from: number, to: number) => {
    const y = Math.max(0, (from - hours.start) * PX_PER_MINUTE);
    return { y, h: Math.max(14, (Math.min(to, hours.end) - hours.start) * PX_PER_MINUTE - y - 1) };
  };
  // Items outside the shown hours are neither drawn nor counted in a marker.
  const inHours = placed.filter((x) => x.bottom > hours.start && x.top < hours.end);
  const { drawn, markers } = collapseLanes(inHours, lanesThatFit(columnPx));
  for (const { item: o, top: from, bottom: to, column, columns } of drawn) {
    const { y, h } = box(from, to);
    const lanePx = columnPx / columns;
    out.push({ kind: 'item', o, y, h, column, columns, text: showsText(y, h, lanePx, band), narrow: lanePx < MIN_TEXT_LANE_PX });
  }
  for (const m of markers) {
    out.push({ kind: 'more', from: m.top, to: m.bottom, ...box(m.top, m.bottom), column: m.column, columns: m.columns, hidden: m.hidden });
  }
  return out.sort((a, b) => a.y - b.y || a.column - b.column);
}

function movedTimes(o: OccurrenceView, mode: 'move' | 'resize', shift: { days: number; minutes: number }): { start: string; end: string } {
  const startDate = o.startLocal.slice(0, 10);
  const startMin = minutesOf(o.startLocal);
  const length = minutesBetweenLocal(o.startLocal, o.endLocal);
  if (mode === 'resize') {
    const newLength = Math.max(STEP, length + shift.minutes);
    return { start: o.startLocal, end: localAt(startDate, startMin + newLength) };
  }
  const start = startMin + shift.minutes + shift.days * 1440;
  return { start: localAt(startDate, start), end: localAt(startDate, start + length) };
}

function minutesBetweenLocal(a: string, b: string): number {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 60_000;
  return day(b) - day(a) + minutesOf(b) - minutesOf(a);
}

function hourMarks(h: { start: number; end: number }): number[] {
  const out: number[] = [];
  for (let m = Math.ceil(h.start / 60) * 60; m < h.end; m += 60) out.push(m);
  return out;
}

export function itemColours(colour: string | undefined): { backgroundColor: string; borderInlineStartColor: string } {
  const c = colour ?? '#1e88e5';
  return { backgroundColor: `${c}26`, borderInlineStartColor: c };
}

interface ColumnProps extends Props {
  day: string;
  dayIndex: number;
  /** The day's items and markers to put in the page (see shownItems). */
  shown: Shown[];
  dragKey: string | null;
  ghost: { o: OccurrenceView; start: string; end: string } | null;
  dragLabel: string;
  /** A local date-time's clock time as shown ("۱۰:۳۰"), remembered per value. */
  times(local: string): string;
  /** The class that gives an item its calendar's colours. */
  colourClass(calendarId: string): string;
  /** `target`: the item's element, pressed. */
  onPointerDown(e: ReactPointerEvent, o: OccurrenceView, dayIndex: number, target: HTMLElement): void;
  onPointerMove(e: ReactPointerEvent): void;
  onPointerUp(o: OccurrenceView): void;
  /** A "+N" marker was chosen: list its items beside `anchor`, under `label`. */
  onMore(hidden: OccurrenceView[], label: string, anchor: HTMLElement): void;
}

/** Height of an editable item's lower edge that resizes it rather than moving it. */
export const RESIZE_EDGE_PX = 6;

/** Width kept free at the end of each day column for clicking beside busy items. */
export const FREE_STRIP_PX = 14;

const DayColumn = memo(function DayColumn(p: ColumnProps) {
  const { t } = useTranslation();
  const off = p.weekendDays.includes(weekday(p.day));
  const top = (m: number) => (m - p.hours.start) * PX_PER_MINUTE;
  const clickEmpty = (e: React.MouseEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const minute = Math.floor((e.clientY - rect.top) / PX_PER_MINUTE / 30) * 30 + p.hours.start;
    p.onCreate(localAt(p.day, minute), localAt(p.day, minute + 60));
  };
  const byKey = useMemo(() => new Map(p.shown.flatMap((x) => (x.kind === 'item' ? [[x.o.key, x.o] as const] : []))), [p.shown]);
  const itemAt = (target: EventTarget): { o: OccurrenceView; el: HTMLElement } | null => {
    const el = target instanceof HTMLElement ? target.closest<HTMLElement>('[data-key]') : null;
    const o = el?.dataset.key === undefined ? undefined : byKey.get(el.dataset.key);
    return el && o ? { o, el } : null;
  };
  const ghostSegment = p.ghost ? segmentOn(p.day, p.ghost.start, p.ghost.end) : null;
  return (
    <Box
      onClick={clickEmpty}
      data-day-column
      data-testid={`column-${p.day}`}
      sx={{
        flex: 1,
        minWidth: 0,
        position: 'relative',
        borderInlineStart: 1,
        borderColor: 'divider',
        bgcolor: off ? 'action.hover' : undefined,
        // Hour lines, drawn once as a background.
        backgroundImage: (theme) => `repeating-linear-gradient(to bottom, transparent 0, transparent ${60 * PX_PER_MINUTE - 1}px, ${theme.palette.divider} ${60 * PX_PER_MINUTE - 1}px, ${theme.palette.divider} ${60 * PX_PER_MINUTE}px)`,
        backgroundPositionY: `${-((p.hours.start % 60) * PX_PER_MINUTE)}px`,
      }}
    >
      {/* Outside working hours is shaded when all 24 hours show. */}
      {p.working.start > p.hours.start && (
        <Box sx={{ position: 'absolute', insetInline: 0, top: 0, bgcolor: 'action.selected', pointerEvents: 'none' }} style={{ height: top(p.working.start) }} />
      )}
      {p.working.end < p.hours.end && (
        <Box sx={{ position: 'absolute', insetInline: 0, bottom: 0, bgcolor: 'action.selected', pointerEvents: 'none' }} style={{ top: top(p.working.end) }} />
      )}
      {/* Items are placed in percentages of this box (the column less its free strip), so
          their positions are plain numbers, not calc(): thousands of distinct calc() styles
          made the browser's style pass the slowest part of a crowded week. */}
      {/* One set of handlers for the day's items (found by data-key), not one per item. */}
      <div
        className="calendar-lanes"
        onPointerDown={(e) => {
          const hit = itemAt(e.target);
          if (hit) p.onPointerDown(e, hit.o, p.dayIndex, hit.el);
        }}
        onPointerMove={p.onPointerMove}
        onPointerUp={(e) => {
          const hit = itemAt(e.target);
          if (hit) p.onPointerUp(hit.o);
        }}
        onKeyDown={(e) => {
          const hit = itemAt(e.target);
          if (hit && e.key === 'Enter') p.onOpen(hit.o);
        }}
      >
        {p.shown.map((x) => {
          const place = { top: x.y, height: x.h, insetInlineStart: `${(100 * x.column) / x.columns}%`, width: `${100 / x.columns}%` };
          if (x.kind === 'more') {
            const n = localiseDigits(String(x.hidden.length), p.language);
            const label = t('calendar.moreHidden', { count: x.hidden.length, n, from: p.times(localAt(p.day, x.from)), to: p.times(localAt(p.day, x.to)) });
            // A real button: Tab reaches it, Enter and Space press it. No data-key, so the
            // lanes' drag handlers leave it alone. "+" stays before the digits in Persian too.
            return (
              <button
                key={`more-${x.from}`}
                type="button"
                className="calendar-item calendar-timed calendar-more"
                data-testid="more-marker"
                data-count={x.hidden.length}
                aria-label={label}
                aria-haspopup="menu"
                title={label}
                style={place}
                onClick={(e) => p.onMore(x.hidden, label, e.currentTarget)}
              >
                <span dir="ltr">+{n}</span>
              </button>
            );
          }
          const { o, text, narrow } = x;
          const start = p.times(o.startLocal);
          const label = `${o.subject} ${start}–${p.times(o.endLocal)}`;
          const classes = `calendar-item calendar-timed ${p.colourClass(o.calendarId)}${o.canEdit ? ' calendar-editable' : ''}${p.dragKey === o.key ? ' calendar-dragged' : ''}`;
          // With text, the subject is the item's only child, a text node: the bold start time
          // is drawn by CSS from data-time, and the resize handle is a hover pseudo-element.
          // A child element per item (time span, bdi, handle) cost Chromium's style pass
          // ~0.1 ms each, about 1 s for a crowded week; without them it is ~20 ms.
          return (
            <div
              key={o.key}
              className={classes}
              data-testid="appointment"
              data-key={o.key}
              data-time={text ? start : undefined}
              title={narrow ? label : undefined}
              role="button"
              tabIndex={0}
              aria-label={label}
              style={place}
            >
              {text ? o.subject : null}
            </div>
          );
        })}
      </div>
      {p.ghost && ghostSegment && (
        <div
          className="calendar-item calendar-timed calendar-ghost"
          data-testid="drag-ghost"
          title={p.dragLabel}
          style={{
            top: Math.max(0, top(ghostSegment.top)),
            height: Math.max(14, top(Math.min(ghostSegment.bottom, p.hours.end)) - Math.max(0, top(ghostSegment.top)) - 1),
            insetInlineStart: 0,
            width: '100%',
            ...itemColours(p.calendars.get(p.ghost.o.calendarId)?.colour),
          }}
        >
          <span className="calendar-time">
            {timeOf(p.ghost.start, p.language)}–{timeOf(p.ghost.end, p.language)}
          </span>{' '}
          <bdi>{p.ghost.o.subject}</bdi>
        </div>
      )}
      {p.day === p.today && minutesOf(p.now) >= p.hours.start && minutesOf(p.now) < p.hours.end && (
        <Box
          data-testid="now-line"
          sx={{ position: 'absolute', insetInline: 0, height: 2, bgcolor: 'error.main', pointerEvents: 'none' }}
          style={{ top: top(minutesOf(p.now)) }}
        />
      )}
    </Box>
  );
});
