/**
 * The bell in the app bar: the number of unread in-app messages (task assigned, task
 * referred, appointment invitation…), and the latest of them in a list that opens the
 * item each is about.
 */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import IconButton from '@mui/material/IconButton';
import Badge from '@mui/material/Badge';
import Popover from '@mui/material/Popover';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Box from '@mui/material/Box';
import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import type { InboxMessage } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { messageText } from './messageText';

const READS = ['inbox_messages'];

export function InboxBell() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const fmt = useFormat();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const unread = useQuery('inbox.unread', {}, { reads: READS });
  const list = useQuery('inbox.list', anchor ? { limit: 20 } : null, { reads: READS });
  const { refetch } = unread;

  // A message that arrives while the list is closed still moves the count at once.
  useEffect(() => api.on('inbox.changed', () => refetch()), [api, refetch]);

  const open = async (m: InboxMessage) => {
    setAnchor(null);
    if (!m.readAt) await api.call('inbox.markRead', { ids: [m.id] });
    if (m.link) navigate(m.link);
  };

  const count = unread.data?.unread ?? 0;
  return (
    <>
      <IconButton
        color="inherit"
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-label={t('inbox.bell', { count })}
        data-testid="inbox-bell"
        data-unread={count}
      >
        <Badge badgeContent={count ? fmt.number(count) : 0} color="error" max={99}>
          <NotificationsOutlined />
        </Badge>
      </IconButton>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        transformOrigin={{ vertical: 'top', horizontal: 'left' }}
      >
        <Box sx={{ width: 380, maxHeight: 480, display: 'flex', flexDirection: 'column' }} data-testid="inbox-list">
          <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1 }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 700, flex: 1 }}>
              {t('inbox.title')}
            </Typography>
            <Button size="small" disabled={!count} onClick={() => void api.call('inbox.markRead', { all: true })}>
              {t('inbox.markAllRead')}
            </Button>
          </Stack>
          <List dense sx={{ overflowY: 'auto' }}>
            {list.data?.messages.map((m) => (
              <ListItemButton
                key={m.id}
                onClick={() => void open(m)}
                data-testid="inbox-message"
                data-read={m.readAt ? 'true' : 'false'}
                sx={{ alignItems: 'flex-start', bgcolor: m.readAt ? undefined : 'action.hover' }}
              >
                <ListItemText
                  primary={messageText(t, m)}
                  secondary={fmt.dateTime(m.at)}
                  slotProps={{ primary: { sx: { fontWeight: m.readAt ? 400 : 700 } } }}
                />
              </ListItemButton>
            ))}
            {list.data && list.data.messages.length === 0 && (
              <Typography color="text.secondary" sx={{ px: 2, py: 3, textAlign: 'center' }}>
                {t('inbox.empty')}
              </Typography>
            )}
          </List>
        </Box>
      </Popover>
    </>
  );
}
