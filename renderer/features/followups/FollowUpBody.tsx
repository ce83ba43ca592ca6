import { useTranslation } from 'react-i18next';
import Typography from '@mui/material/Typography';
import type { FollowUpEntryData, TimelineItem } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';

/** A follow-up in an identity's history: its note, next date and whether it is done. */
export function FollowUpBody({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const d = item.data as FollowUpEntryData;
  return (
    <>
      <Typography className="preserve-lines" dir="auto" sx={{ mt: 0.5 }}>
        {d.note}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {d.itemTitle && (
          <>
            <bdi>{d.itemTitle}</bdi>
            {' · '}
          </>
        )}
        {d.done ? t('followups.done') : d.next ? `${t('followups.next')}: ${d.next.hasTime ? fmt.dateTime(d.next.at) : fmt.date(d.next.at)}` : t('followups.open')}
      </Typography>
    </>
  );
}
