import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Typography from '@mui/material/Typography';
import Link from '@mui/material/Link';
import type { TaskEntryData, TimelineItem } from '../../../main/contract';
import { useDeadlineText } from './display';

/** A task in an identity's history: its subject (opens it), deadline and where it stands. */
export function TaskBody({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const deadlineText = useDeadlineText();
  const d = item.data as TaskEntryData;
  return (
    <>
      <Link component={RouterLink} to={`/tasks/${d.taskId}`} underline="hover" sx={{ fontWeight: 600 }}>
        <bdi>{d.subject}</bdi>
      </Link>
      <Typography variant="body2" color="text.secondary">
        {t('tasks.field.deadline')}: {deadlineText(d.deadline)}
        {d.cancelled && ` · ${t('tasks.status.cancelled')}`}
      </Typography>
    </>
  );
}
