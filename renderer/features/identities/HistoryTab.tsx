/**
 * The History tab: notes and the change log of this identity, newest first, with a box to
 * add a note. Every entry says who and when (Jalali, in the interface's digits).
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import NoteAltOutlined from '@mui/icons-material/NoteAltOutlined';
import EditNote from '@mui/icons-material/EditNote';
import type { TimelineItem } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../app/useFormat';
import { Ltr } from '../../app/Ltr';
import { useTimeline } from './useTimeline';
import { describeChanges, type ShownChange, type ShownValue } from './changeLog';

function NoteForm({ identityId }: { identityId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !body.trim()) return;
    setBusy(true);
    const r = await api.call('notes.create', { identityId, body });
    setBusy(false);
    if (r.ok) {
      setBody('');
      setError(null);
    } else {
      setError(r.error.issues?.[0]?.message ?? r.error.message);
    }
  };
  // In a multi-line box Enter is a new line; Ctrl+Enter files the note.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
  };

  return (
    <Paper variant="outlined" component="form" onSubmit={submit} sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <TextField
          label={t('history.newNote')}
          placeholder={t('history.newNotePlaceholder')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={onKeyDown}
          multiline
          minRows={2}
          maxRows={10}
          error={Boolean(error)}
          helperText={error ?? t('history.newNoteHelp')}
          slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'note-body' } }}
        />
        <Box>
          <Button type="submit" variant="contained" disabled={busy || !body.trim()}>
            {t('history.addNote')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}

function Value({ v }: { v: ShownValue }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  switch (v.type) {
    case 'empty':
      return <span>{t('history.emptyValue')}</span>;
    case 'text':
      return <bdi>{v.text}</bdi>;
    case 'enum':
      return <span>{t(v.key)}</span>;
    case 'ltr':
      return <Ltr>{fmt.digits(v.text)}</Ltr>;
    case 'list':
      return <bdi>{v.items.join(t('common.listSeparator'))}</bdi>;
    case 'opaque':
      return null;
  }
}

function ChangeLines({ change }: { change: ShownChange }) {
  const { t } = useTranslation();
  const part = t(`history.tables.${change.table}`, { defaultValue: change.table });
  const main = change.table === 'identities';
  return (
    <Box component="li" sx={{ py: 0.25 }}>
      {!main && (
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {t(`history.ops.${change.op}`, { part })}
        </Typography>
      )}
      <Box component="ul" sx={{ m: 0, paddingInlineStart: main ? 0 : 2.5, listStyle: main ? 'none' : 'disc' }}>
        {change.fields.map((f) => (
          <Typography component="li" variant="body2" key={f.field} data-testid="change-field">
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {t(`history.fields.${f.field}`, { defaultValue: f.field })}
              {t('common.colon')}
            </Box>{' '}
            {f.from.type === 'opaque' || f.to.type === 'opaque' ? (
              t('history.changed')
            ) : change.op === 'update' ? (
              <>
                <Value v={f.from} /> {t('history.arrow')} <Value v={f.to} />
              </>
            ) : (
              <Value v={change.op === 'delete' ? f.from : f.to} />
            )}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

function Entry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const isNote = item.kind === 'note';
  const Icon = isNote ? NoteAltOutlined : EditNote;
  const title = isNote ? t('history.note') : t(`history.actions.${item.action ?? 'edited'}`);
  const changes = isNote ? [] : describeChanges(item.changes);
  return (
    <Paper
      variant="outlined"
      component="li"
      sx={{ p: 1.5, display: 'flex', gap: 1.5, listStyle: 'none' }}
      data-testid="timeline-entry"
      data-kind={item.kind}
      data-action={item.action ?? ''}
    >
      <Icon color={isNote ? 'primary' : 'action'} sx={{ mt: 0.25 }} />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 700 }} data-testid="timeline-title">
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="timeline-actor">
            {t('history.by')} <bdi>{item.actor?.displayName ?? t('history.system')}</bdi>
          </Typography>
          <Typography variant="body2" color="text.secondary" component="time" dateTime={new Date(item.at).toISOString()} data-testid="timeline-date">
            {fmt.dateTime(item.at)}
          </Typography>
        </Stack>
        {isNote && item.body && (
          <Typography className="preserve-lines" dir="auto" sx={{ mt: 0.5 }}>
            {item.body}
          </Typography>
        )}
        {changes.length > 0 && (
          <Box component="ul" sx={{ m: 0, mt: 0.5, p: 0, listStyle: 'none' }}>
            {changes.map((c, i) => (
              <ChangeLines key={i} change={c} />
            ))}
          </Box>
        )}
      </Box>
    </Paper>
  );
}

export function HistoryTab({ identityId }: { identityId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(identityId);
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <NoteForm identityId={identityId} />
      {timeline.error && <Alert severity="error">{timeline.error.message}</Alert>}
      {timeline.loading && <LinearProgress aria-label={t('common.loading')} />}
      {!timeline.loading && timeline.items.length === 0 && <Typography color="text.secondary">{t('history.empty')}</Typography>}
      <Stack component="ol" spacing={1} sx={{ m: 0, p: 0 }} data-testid="timeline" aria-label={t('profile.tabs.history')}>
        {timeline.items.map((item) => (
          <Entry key={item.key} item={item} />
        ))}
      </Stack>
      {timeline.hasMore && (
        <Box sx={{ textAlign: 'center' }}>
          <Button variant="outlined" onClick={timeline.loadMore} disabled={timeline.loadingMore}>
            {timeline.loadingMore ? t('common.loading') : t('common.loadMore')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}
