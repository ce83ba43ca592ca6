/**
 * A record page (an identity, later an appointment or a task) moves the keyboard focus to
 * its heading when it opens, and again when another record opens in its place: a keyboard
 * or screen-reader user lands on what was opened (its name is read out) instead of staying
 * on the link in the list they left. Usage:
 *
 *   const heading = useFocusOnOpen<HTMLHeadingElement>(record?.id);
 *   <Typography component="h1" ref={heading} tabIndex={-1}>…</Typography>
 *
 * `key` is the record's id, undefined while it loads; a refetch of the same record (after a
 * change) never moves the focus.
 */
import { useEffect, useRef } from 'react';

export function useFocusOnOpen<T extends HTMLElement>(key: string | undefined) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === undefined) return;
    // Not scrolled into view: the page has just been scrolled to its top.
    ref.current?.focus({ preventScroll: true });
  }, [key]);
  return ref;
}
