/** Small display rules shared by the calendar's screens. */
import type { AttendeeStatus, OccasionView } from '../../../main/contract';
import type { Language } from '../../format/language';

/** An occasion's title in the interface language (Persian when there is no English one). */
export function occasionTitle(o: Pick<OccasionView, 'titleFa' | 'titleEn'>, language: Language): string {
  return language === 'en' && o.titleEn ? o.titleEn : o.titleFa;
}

export const STATUS_COLOURS: Record<AttendeeStatus, 'default' | 'success' | 'error' | 'warning' | 'info' | 'primary'> = {
  invited: 'default',
  accepted: 'success',
  declined: 'error',
  maybe: 'warning',
  attended: 'primary',
  absent: 'info',
};

/** A downloaded file made in the page (an .ics export). */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
