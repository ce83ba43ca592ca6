/**
 * A new appointment with an identity, for the app's new-item forms (the screen pop's "a new
 * appointment for the caller"): it starts at the next half hour on the office's clock, lasts
 * the usual half hour, and names the identity; everything else is the calendar's own form.
 */
import { useState } from 'react';
import type { NewItemFormProps } from '../../app/feature';
import { AppointmentDialog, type DialogTarget } from './AppointmentDialog';
import { localAt, minutesOf, nowIn } from './calendarGrid';
import { useCalendarBasics, type CalendarBasics } from './useCalendarBasics';

export function NewAppointmentDialog(props: NewItemFormProps) {
  const basics = useCalendarBasics();
  // The form picks its calendar when it opens: wait for the list rather than open without one.
  if (basics.loading) return null;
  return <Opened {...props} basics={basics} />;
}

function Opened({ identity, onClose, basics }: NewItemFormProps & { basics: CalendarBasics }) {
  const [target] = useState<DialogTarget>(() => {
    const now = nowIn(basics.settings?.zone ?? 'Asia/Tehran');
    const start = Math.ceil((minutesOf(now) + 1) / 30) * 30;
    const day = now.slice(0, 10);
    return { kind: 'new', start: localAt(day, start), end: localAt(day, start + 30), identity: { id: identity.id, name: identity.displayName } };
  });
  return <AppointmentDialog target={target} basics={basics} onClose={onClose} />;
}
