/**
 * The sync state in the app bar, always visible: no server, offline, syncing (with the
 * first sync's progress), up to date, sign in again, or an error; with the number of
 * changes waiting and of open conflicts. It opens the sync page.
 */
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Badge from '@mui/material/Badge';
import Tooltip from '@mui/material/Tooltip';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import SyncProblemOutlined from '@mui/icons-material/SyncProblemOutlined';
import LoginOutlined from '@mui/icons-material/LoginOutlined';
import ComputerOutlined from '@mui/icons-material/ComputerOutlined';
import type { SyncState } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';
import { useSyncStatus } from './useSyncStatus';

const ICONS: Record<SyncState, typeof CloudOffOutlined> = {
  off: ComputerOutlined,
  offline: CloudOffOutlined,
  syncing: CloudSyncOutlined,
  upToDate: CloudDoneOutlined,
  signedOut: LoginOutlined,
  error: SyncProblemOutlined,
};

export function SyncIndicator() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const status = useSyncStatus();
  if (!status) return null;
  const Icon = ICONS[status.state];
  const label = t(`sync.state.${status.state}`);
  const progress = status.progress && status.progress.total > 0 ? Math.floor((100 * status.progress.done) / status.progress.total) : null;
  const details = [
    t(`sync.stateHelp.${status.state}`),
    status.lastSyncedAt ? t('sync.lastSynced', { when: fmt.dateTime(status.lastSyncedAt) }) : null,
    status.pending > 0 ? t('sync.pending', { n: fmt.number(status.pending) }) : null,
    status.conflicts > 0 ? t('sync.conflictCount', { n: fmt.number(status.conflicts) }) : null,
  ].filter(Boolean);
  return (
    <Tooltip title={details.join(' — ')}>
      <Button
        color="inherit"
        component={RouterLink}
        to="/sync"
        data-testid="sync-indicator"
        data-state={status.state}
        data-pending={status.pending}
        aria-label={t('sync.open', { state: label })}
        startIcon={
          <Badge color="warning" badgeContent={status.conflicts > 0 ? fmt.number(status.conflicts) : null} overlap="circular">
            <Icon />
          </Badge>
        }
      >
        {label}
        {progress !== null && ` ${fmt.digits(String(progress))}${fmt.language === 'fa' ? '٪' : '%'}`}
        {status.pending > 0 && status.state !== 'off' && ` (${fmt.number(status.pending)})`}
      </Button>
    </Tooltip>
  );
}
