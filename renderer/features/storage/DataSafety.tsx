/**
 * Data safety on screen: the banner every page shows while the store is read-only (with
 * "restore the newest good backup" for those allowed), and the Settings section with the
 * full check, backups, restore and export. The backend decides and explains; this only
 * shows its sentences and asks before a restore.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogActions from '@mui/material/DialogActions';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { BackupItem, StorageStatus } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { SettingsCard } from '../../app/SettingsCard';
import { GuardedDialog } from '../../app/GuardedDialog';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useFormat } from '../../app/useFormat';
import { Ltr } from '../../app/Ltr';

/**
 * storage.status, read again whenever the backend says the store's health changed, and when
 * the interface language changes (the backend writes its sentence in the desk's language).
 */
export function useStorageStatus() {
  const api = useApi();
  const { language } = useAppState();
  const status = useQuery('storage.status', {});
  const refetch = status.refetch;
  useEffect(() => api.on('storage.status', () => refetch()), [api, refetch]);
  useEffect(() => refetch(), [language, refetch]);
  return status;
}

/** Asks before restoring (what is lost, what is kept), then restores and reports. */
function RestoreDialog({ backup, onClose, onDone }: { backup: BackupItem | null; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!backup) return null;
  const date = fmt.dateTime(backup.at);
  const restore = async () => {
    setBusy(true);
    const r = await api.call('storage.restore', { name: backup.name });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    // The kept file's path reads left to right inside a Persian sentence.
    onDone(t('storage.restored', { date: fmt.dateTime(r.value.restored.at), file: `\u2066${r.value.keptAside[0] ?? ''}\u2069` }));
  };
  return (
    // Nothing typed here; while the restore runs, Escape and the backdrop do nothing.
    <GuardedDialog dirty={false} onClose={() => !busy && onClose()} maxWidth="sm" fullWidth data-testid="restore-dialog">
      <DialogTitle>{t('storage.restoreTitle')}</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <DialogContentText>{t('storage.restoreExplain', { date })}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" color="warning" onClick={() => void restore()} disabled={busy} data-testid="restore-confirm">
          {t('storage.restoreConfirm')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}

/** Over every page while the store is read-only. */
export function StorageBanner() {
  const { t } = useTranslation();
  const { can, session } = useAppState();
  const status = useStorageStatus();
  const [restoring, setRestoring] = useState<BackupItem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const s: StorageStatus | undefined = status.data;
  if (session?.state !== 'signed-in') return null;
  if (done) {
    return (
      <Alert severity="success" square onClose={() => setDone(null)} data-testid="storage-restored">
        {done}
      </Alert>
    );
  }
  if (!s || s.state === 'ok') return null;
  const mayRestore = can('storage.manage') && s.newestBackup !== null;
  return (
    <>
      <Alert
        severity="error"
        square
        role="alert"
        data-testid="storage-banner"
        action={
          mayRestore ? (
            <Button color="inherit" variant="outlined" size="small" sx={{ whiteSpace: 'nowrap' }} onClick={() => setRestoring(s.newestBackup)} data-testid="storage-banner-restore">
              {t('storage.bannerRestore')}
            </Button>
          ) : undefined
        }
      >
        <Typography variant="body2">{s.message}</Typography>
        {!can('storage.manage') && (
          <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }}>
            {t('storage.bannerAskAdmin')}
          </Typography>
        )}
      </Alert>
      <RestoreDialog
        backup={restoring}
        onClose={() => setRestoring(null)}
        onDone={(m) => {
          setRestoring(null);
          setDone(m);
        }}
      />
    </>
  );
}

/** Settings → Data safety (administrators: storage.manage). */
export function DataSafetySection() {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const { can } = useAppState();
  const status = useStorageStatus();
  const backups = useQuery('storage.backups', can('storage.manage') ? {} : null);
  const [busy, setBusy] = useState<'check' | 'backup' | 'export' | null>(null);
  const [result, setResult] = useState<{ severity: 'success' | 'error' | 'info'; text: string; detail?: string[] } | null>(null);
  const [restoring, setRestoring] = useState<BackupItem | null>(null);
  if (!can('storage.manage')) return null;

  const run = async (what: 'check' | 'backup' | 'export') => {
    setBusy(what);
    setResult(null);
    if (what === 'check') {
      const r = await api.call('storage.check', { kind: 'full' });
      if (!r.ok) setResult({ severity: 'error', text: r.error.message });
      else if (r.value.ok) setResult({ severity: 'success', text: t('storage.checkOk', { seconds: fmt.number(Math.max(1, Math.round(r.value.ms / 1000))) }) });
      else setResult({ severity: 'error', text: t('storage.checkProblems'), detail: r.value.problems });
    } else if (what === 'backup') {
      const r = await api.call('storage.backup', {});
      setResult(r.ok ? { severity: 'success', text: t('storage.backupDone') } : { severity: 'error', text: r.error.message });
      backups.refetch();
    } else {
      const r = await api.call('storage.export', {});
      setResult(r.ok ? { severity: 'info', text: t('storage.exported'), detail: [r.value.file] } : { severity: 'error', text: r.error.message });
    }
    setBusy(null);
  };

  const s = status.data;
  return (
    <SettingsCard title={t('storage.sectionTitle')} id="settings-safety">
      <Stack spacing={2} data-testid="data-safety">
        {s && (
          <Alert severity={s.state === 'ok' ? 'success' : 'error'} data-testid="storage-state">
            {s.state === 'ok' ? t('storage.statusOk') : (s.message ?? t('storage.statusReadOnly'))}
          </Alert>
        )}
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          <Button variant="outlined" onClick={() => void run('check')} disabled={busy !== null} data-testid="storage-check">
            {busy === 'check' ? t('storage.checking') : t('storage.check')}
          </Button>
          <Button variant="outlined" onClick={() => void run('backup')} disabled={busy !== null || s?.state !== 'ok'} data-testid="storage-backup">
            {t('storage.backupNow')}
          </Button>
          <Button variant="outlined" onClick={() => void run('export')} disabled={busy !== null} data-testid="storage-export">
            {t('storage.export')}
          </Button>
        </Stack>
        {result && (
          <Alert severity={result.severity} data-testid="storage-result">
            {result.text}
            {result.detail?.map((d) => (
              <Typography key={d} variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                <Ltr>{d}</Ltr>
              </Typography>
            ))}
          </Alert>
        )}
        <Typography variant="subtitle2" component="h3">
          {t('storage.backups')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('storage.backupsHelp')}
        </Typography>
        {backups.data && backups.data.length === 0 && <Typography variant="body2">{t('storage.noBackups')}</Typography>}
        {backups.data && backups.data.length > 0 && (
          <Table size="small" data-testid="backups">
            <TableHead>
              <TableRow>
                <TableCell>{t('storage.when')}</TableCell>
                <TableCell>{t('storage.why')}</TableCell>
                <TableCell>{t('storage.size')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {backups.data.map((b) => (
                <TableRow key={b.name} data-testid="backup-row">
                  <TableCell>{fmt.dateTime(b.at)}</TableCell>
                  <TableCell>{t(`storage.reasons.${b.reason}`)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('storage.kilobytes', { n: fmt.number(Math.ceil(b.bytes / 1024)) })}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => setRestoring(b)} data-testid="backup-restore">
                      {t('storage.restore')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
      <RestoreDialog
        backup={restoring}
        onClose={() => setRestoring(null)}
        onDone={(m) => {
          setRestoring(null);
          setResult({ severity: 'success', text: m });
          backups.refetch();
        }}
      />
    </SettingsCard>
  );
}
