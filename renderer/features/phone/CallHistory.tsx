/**
 * The call history: every call this desk made or took, newest first, with a filter (all,
 * missed, incoming, outgoing), keyset-paged. Opening it resets the missed-calls badge.
 * Each line calls back with one click and offers the log form while the call has none, and
 * whatever other features offer for an item (`itemActions`: remind me, follow up), since a
 * call is an item kind.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import Call from '@mui/icons-material/Call';
import EditNote from '@mui/icons-material/EditNote';
import type { CallRecord } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { usePagedList } from '../../api/usePagedList';
import type { Contribution } from '../../app/feature';
import { useContributions } from '../../app/useNewItemForms';
import { useFormat } from '../../app/useFormat';
import { CallLogDialog } from './CallLogDialog';
import { DirectionIcon, NumberText, useCallerName, useDuration } from './callText';

const FILTERS = ['all', 'missed', 'incoming', 'outgoing'] as const;
type Filter = (typeof FILTERS)[number];

export function CallHistory() {
  const { t } = useTranslation();
  const api = useApi();
  const [filter, setFilter] = useState<Filter>('all');
  const [logging, setLogging] = useState<CallRecord | null>(null);
  // Other features' buttons on each call (remind me, follow up), once for the whole list.
  const itemActions = useContributions('itemActions');
  const list = usePagedList<CallRecord, { at: number; id: string }>({
    key: filter,
    reads: ['call_records'],
    pageSize: 50,
    fetchPage: (a, cursor, limit) => a.call('phone.calls.list', { filter, limit, ...(cursor ? { before: cursor } : {}) }),
    itemKey: (c) => c.id,
  });

  // Seen: the badge counts only what is missed after this.
  useEffect(() => {
    void api.call('phone.calls.seen', {});
  }, [api]);

  return (
    <Stack spacing={2} data-testid="call-history">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          {t('phone.history.title')}
        </Typography>
        <ToggleButtonGroup size="small" exclusive value={filter} onChange={(_e, v: Filter | null) => v && setFilter(v)} aria-label={t('phone.history.title')}>
          {FILTERS.map((f) => (
            <ToggleButton key={f} value={f} data-testid={`filter-${f}`}>
              {t(`phone.history.filter.${f}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      {list.error && <Alert severity="warning">{list.error.message}</Alert>}
      {!list.loading && list.items.length === 0 && <Typography color="text.secondary">{t('phone.history.empty')}</Typography>}
      <List dense disablePadding>
        {list.items.map((c) => (
          <CallLine key={c.id} call={c} onLog={() => setLogging(c)} itemActions={itemActions} />
        ))}
      </List>
      {list.hasMore && (
        <Button onClick={list.loadMore} disabled={list.loadingMore} sx={{ alignSelf: 'flex-start' }}>
          {t('phone.history.more')}
        </Button>
      )}
      {logging && <CallLogDialog call={logging} onClose={() => setLogging(null)} />}
    </Stack>
  );
}

type ItemAction = Contribution<{ item: { kind: string; id: string }; label: string }>;

function CallLine({ call, onLog, itemActions }: { call: CallRecord; onLog: () => void; itemActions: ItemAction[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const name = useCallerName();
  const duration = useDuration();
  const who = name({ ...call, withheld: call.number === '' });
  return (
    <ListItem
      divider
      data-testid="call-line"
      data-outcome={call.outcome ?? ''}
      secondaryAction={
        <Stack direction="row" spacing={0.5}>
          {call.number && (
            <Tooltip title={t('phone.history.callBack')}>
              <IconButton edge="end" aria-label={t('phone.history.callBack')} onClick={() => void api.call('phone.dial', { number: call.number })}>
                <Call fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
          {!call.loggedAt && (
            <Tooltip title={t('phone.history.log')}>
              <IconButton edge="end" aria-label={t('phone.history.log')} onClick={onLog}>
                <EditNote fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
          {itemActions.map(({ key, Component }) => (
            <Component key={key} item={{ kind: 'call', id: call.id }} label={who} />
          ))}
        </Stack>
      }
    >
      <ListItemIcon sx={{ minWidth: 36 }}>
        <DirectionIcon direction={call.direction} outcome={call.outcome} />
      </ListItemIcon>
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
            <span>
              {call.identity ? (
                <Link component={RouterLink} to={`/identities/${call.identity.id}`}>
                  {who}
                </Link>
              ) : (
                who
              )}
            </span>
            {call.number && <NumberText number={call.number} />}
            {call.outcome && <Chip size="small" variant="outlined" label={t(`phone.outcome.${call.outcome}`)} />}
            {call.subject && <Typography variant="body2">{call.subject}</Typography>}
          </Stack>
        }
        secondary={[fmt.dateTime(call.startedAt), call.durationMs ? t('phone.history.duration', { duration: duration(call.durationMs) }) : '']
          .filter(Boolean)
          .join(' · ')}
      />
    </ListItem>
  );
}
