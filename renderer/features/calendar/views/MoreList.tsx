/**
 * The list a "+N" marker opens: every hidden item of its stretch (a crowded day holds
 * hundreds), of which only the rows in sight and a few either side are in the page, at a
 * fixed row height, so it opens as fast with 300 items as with 3. One row has the focus
 * (roving focus, as in a menu): ↑/↓ move it (and wrap), Home/End go to the ends, Enter
 * opens the row's item, Escape closes the list and the focus returns to the marker
 * (Popover restores it). Text only: subjects are what people typed, never markup.
 */
import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import Box from '@mui/material/Box';
import Popover from '@mui/material/Popover';
import { useTheme } from '@mui/material/styles';
import type { OccurrenceView } from '../../../../main/contract';

export const MORE_ROW_PX = 36;
const VISIBLE_ROWS = 9;
/** Rows kept in the page beyond those in sight, so a quick scroll does not show a gap. */
const OVERSCAN = 6;

interface Props {
  anchor: HTMLElement;
  items: OccurrenceView[];
  label: string;
  /** "۱۰:۰۰–۱۰:۳۰" for an item. */
  timesOf(o: OccurrenceView): string;
  colourOf(o: OccurrenceView): string;
  onPick(o: OccurrenceView): void;
  onClose(): void;
}

export function MoreList(p: Props) {
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const labelId = useId();
  // Opens below the marker, from its start edge (as MUI's Menu does in either direction).
  const side = useTheme().direction === 'rtl' ? 'right' : 'left';
  const height = Math.min(p.items.length, VISIBLE_ROWS) * MORE_ROW_PX;
  const first = Math.max(0, Math.floor(scrollTop / MORE_ROW_PX) - OVERSCAN);
  const last = Math.min(p.items.length, Math.ceil((scrollTop + height) / MORE_ROW_PX) + OVERSCAN);

  // The active row takes the focus when the list opens and each time a key moves it: a ref
  // on that row, as the Popover puts its content in the page a render after this one mounts.
  const focusRow = useCallback((el: HTMLElement | null) => el?.focus({ preventScroll: true }), []);

  const moveTo = (i: number) => {
    const n = p.items.length;
    const next = ((i % n) + n) % n;
    const el = box.current;
    if (el) {
      // Scrolled so the row is in sight; its window is drawn in the same render.
      const top = next * MORE_ROW_PX;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + MORE_ROW_PX > el.scrollTop + el.clientHeight) el.scrollTop = top + MORE_ROW_PX - el.clientHeight;
      setScrollTop(el.scrollTop);
    }
    setActive(next);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const to = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: p.items.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      moveTo(to);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const o = p.items[active];
      if (o) p.onPick(o);
    }
  };

  return (
    <Popover
      open
      anchorEl={p.anchor}
      onClose={p.onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: side }}
      transformOrigin={{ vertical: 'top', horizontal: side }}
      slotProps={{ paper: { 'data-testid': 'more-list', sx: { width: 340, maxWidth: '90vw' } } as object }}
    >
      <Box sx={{ px: 2, lineHeight: 2.5, fontSize: 14, color: 'text.secondary', fontWeight: 500 }} id={labelId}>
        {p.label}
      </Box>
      <Box ref={box} role="menu" aria-labelledby={labelId} onKeyDown={onKeyDown} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} sx={{ overflowY: 'auto', height, pb: 0 }}>
        <Box sx={{ position: 'relative', height: p.items.length * MORE_ROW_PX }}>
          {p.items.slice(first, last).map((o, k) => {
            const i = first + k;
            const text = `${p.timesOf(o)} ${o.subject}`;
            return (
              <Box
                key={o.key}
                ref={i === active ? focusRow : undefined}
                role="menuitem"
                tabIndex={i === active ? 0 : -1}
                aria-posinset={i + 1}
                aria-setsize={p.items.length}
                data-index={i}
                data-testid="more-item"
                title={text}
                onClick={() => p.onPick(o)}
                onFocus={() => setActive(i)}
                sx={{
                  position: 'absolute',
                  insetInline: 0,
                  height: MORE_ROW_PX,
                  display: 'flex',
                  alignItems: 'center',
                  gap: 1,
                  px: 2,
                  fontSize: 14,
                  cursor: 'pointer',
                  whiteSpace: 'nowrap',
                  overflow: 'hidden',
                  borderInlineStart: '4px solid',
                  outline: 0,
                  '&:hover': { bgcolor: 'action.hover' },
                  '&:focus-visible, &:focus': { bgcolor: 'action.focus' },
                }}
                style={{ top: i * MORE_ROW_PX, borderInlineStartColor: p.colourOf(o) }}
              >
                <span className="calendar-time">{p.timesOf(o)}</span>
                <Box component="bdi" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {o.subject}
                </Box>
              </Box>
            );
          })}
        </Box>
      </Box>
    </Popover>
  );
}
