/**
 * The timeline: rooms (or people) as rows and the hours of one day as columns, to see at
 * a glance who and what is free. A click on a free place starts a booking there.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { CalendarInfo, OccurrenceView } from '../../../../main/contract';
import type { Language } from '../../../format/language';
import { hourLabel, layoutDay, localAt, segmentOn, timeOf, type Placed } from '../calendarGrid';
import { itemColours } from './WeekView';

const LABEL_WIDTH = 150;
/** Narrower than this, the hours scroll sideways instead of squeezing. */
const MIN_WIDTH_PER_HOUR = 48;
/** The bars' band in a row (px): items that overlap share it in lanes, one above the other. */
const BAND_TOP = 6;
const BAND_HEIGHT = 32;

interface Props {
  date: string;
  rows: { id: string; name: string; detail?: string }[];
  /** Which occurrences belong to a row. */
  rowOf(o: OccurrenceView): string[];
  occurrences: OccurrenceView[];
  calendars: Map<string, CalendarInfo>;
  hours: { start: number; end: number };
  language: Language;
  onOpen(o: OccurrenceView): void;
  onCreate(rowId: string, start: string, end: string): void;
}

export function TimelineView(p: Props) {
  const { t } = useTranslation();
  const span = p.hours.end - p.hours.start;
  // Positions are shares of the row, so the hours fill whatever width the window has.
  const at = (minute: number) => `${((minute - p.hours.start) / span) * 100}%`;
  const minWidth = (span / 60) * MIN_WIDTH_PER_HOUR;
  const byRow = useMemo(() => {
    const m = new Map<string, { item: OccurrenceView; top: number; bottom: number }[]>();
    for (const o of p.occurrences) {
      const s = o.allDay ? { top: 0, bottom: 1440 } : segmentOn(p.date, o.startLocal, o.endLocal);
      if (!s || s.bottom <= p.hours.start || s.top >= p.hours.end) continue;
      for (const r of p.rowOf(o)) m.set(r, [...(m.get(r) ?? []), { item: o, ...s }]);
    }
    // Overlapping items of a row (a double-booked room) get lanes instead of covering each other.
    const placed = new Map<string, Placed<OccurrenceView>[]>();
    for (const [r, segments] of m) placed.set(r, layoutDay(segments));
    return placed;
  }, [p]);
  const hours: number[] = [];
  for (let h = Math.ceil(p.hours.start / 60); h * 60 < p.hours.end; h++) hours.push(h);
  return (
    <Box sx={{ overflow: 'auto', flex: 1 }} data-testid="timeline-view">
      <Box sx={{ display: 'flex', position: 'sticky', top: 0, bgcolor: 'background.paper', zIndex: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ width: LABEL_WIDTH, flexShrink: 0 }} />
        <Box sx={{ position: 'relative', flex: 1, minWidth, height: 24 }}>
          {hours.map((h) => (
            <Typography key={h} variant="caption" color="text.secondary" sx={{ position: 'absolute', paddingInlineStart: '2px' }} style={{ insetInlineStart: at(h * 60) }}>
              {hourLabel(h, p.language)}
            </Typography>
          ))}
        </Box>
      </Box>
      {p.rows.length === 0 && (
        <Typography color="text.secondary" sx={{ p: 2 }}>
          {t('calendar.timeline.empty')}
        </Typography>
      )}
      {p.rows.map((row) => (
        <Box key={row.id} sx={{ display: 'flex', borderBottom: 1, borderColor: 'divider' }} data-testid={`timeline-row-${row.id}`}>
          <Box sx={{ width: LABEL_WIDTH, flexShrink: 0, px: 1, py: 0.5, position: 'sticky', insetInlineStart: 0, bgcolor: 'background.paper', zIndex: 1 }}>
            <Typography variant="body2" noWrap sx={{ fontWeight: 600 }}>
              <bdi>{row.name}</bdi>
            </Typography>
            {row.detail && (
              <Typography variant="caption" color="text.secondary" noWrap component="div">
                {row.detail}
              </Typography>
            )}
          </Box>
          <Box
            sx={{ position: 'relative', flex: 1, minWidth, height: 44 }}
            onClick={(e) => {
              if (e.target !== e.currentTarget) return;
              const rect = e.currentTarget.getBoundingClientRect();
              const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
              const share = (rtl ? rect.right - e.clientX : e.clientX - rect.left) / rect.width;
              const minute = Math.floor((share * span) / 30) * 30 + p.hours.start;
              p.onCreate(row.id, localAt(p.date, minute), localAt(p.date, minute + 60));
            }}
          >
            {hours.map((h) => (
              <Box key={h} sx={{ position: 'absolute', top: 0, bottom: 0, width: '1px', bgcolor: 'divider', pointerEvents: 'none' }} style={{ insetInlineStart: at(h * 60) }} />
            ))}
            {(byRow.get(row.id) ?? []).map(({ item: o, top: segmentStart, bottom: segmentEnd, column, columns }) => {
              const from = Math.max(segmentStart, p.hours.start);
              const to = Math.min(segmentEnd, p.hours.end);
              const lane = BAND_HEIGHT / columns;
              return (
                <button
                  key={o.key}
                  type="button"
                  className="calendar-item calendar-bar"
                  data-testid="appointment"
                  title={`${o.subject} ${timeOf(o.startLocal, p.language)}–${timeOf(o.endLocal, p.language)}`}
                  onClick={() => p.onOpen(o)}
                  style={{
                    insetInlineStart: at(from),
                    width: `max(8px, calc(${((to - from) / span) * 100}% - 1px))`,
                    top: BAND_TOP + column * lane,
                    height: lane - 1,
                    ...itemColours(p.calendars.get(o.calendarId)?.colour),
                  }}
                >
                  <bdi>{o.subject}</bdi>
                </button>
              );
            })}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
