/**
 * Settings → Invitation templates: one per event (booked, changed, cancelled) and channel
 * (in-app, SMS, email), with smart parameters inserted at a click and a live preview of
 * the message as an attendee reads it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import type { Channel, TemplateEvent, TemplatePreview, TemplateView } from '../../../../main/contract';
import { useApi } from '../../../api/ApiProvider';
import { useDebounced, useQuery } from '../../../api/hooks';
import { useAppState } from '../../../app/AppState';
import { SettingsCard } from '../../../app/SettingsCard';
import { errorMessage } from '../../../app/formErrors';

const EVENTS: TemplateEvent[] = ['created', 'changed', 'cancelled'];
const CHANNELS: Channel[] = ['inapp', 'sms', 'email'];
const PARAMETERS = ['subject', 'date', 'time', 'room', 'coordinator', 'attendee', 'calendar'];

export function TemplatesSettings() {
  const { t } = useTranslation();
  const { can } = useAppState();
  const list = useQuery('calendar.templates.list', can('calendar.manage') ? {} : null, { reads: ['message_templates'] });
  const [event, setEvent] = useState<TemplateEvent>('created');
  const [channel, setChannel] = useState<Channel>('inapp');
  if (!can('calendar.manage')) return null;
  const current = list.data?.find((x) => x.event === event && x.channel === channel);
  return (
    <SettingsCard title={t('calendar.settings.templates.title')} id="settings-templates">
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField select size="small" label={t('calendar.settings.templates.event')} value={event} onChange={(e) => setEvent(e.target.value as TemplateEvent)} sx={{ minWidth: 160 }} data-testid="template-event">
          {EVENTS.map((x) => (
            <MenuItem key={x} value={x}>
              {t(`calendar.settings.templates.events.${x}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('calendar.settings.templates.channel')} value={channel} onChange={(e) => setChannel(e.target.value as Channel)} sx={{ minWidth: 160 }} data-testid="template-channel">
          {CHANNELS.map((x) => (
            <MenuItem key={x} value={x}>
              {t(`calendar.channel.${x}`)}
            </MenuItem>
          ))}
        </TextField>
        {current?.custom && <Chip size="small" label={t('calendar.settings.templates.custom')} sx={{ alignSelf: 'center' }} />}
      </Stack>
      {/* Each template starts from its saved text; another template starts afresh. */}
      {current && <TemplateEditor key={`${current.event}/${current.channel}/${current.subject}/${current.body}`} template={current} />}
    </SettingsCard>
  );
}

function TemplateEditor({ template }: { template: TemplateView }) {
  const { t } = useTranslation();
  const api = useApi();
  const { event, channel } = template;
  const [subject, setSubject] = useState(template.subject ?? '');
  const [body, setBody] = useState(template.body);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);

  const typed = useDebounced(JSON.stringify([subject, body]), 300);
  useEffect(() => {
    let live = true;
    void api.call('calendar.templates.preview', { event, channel, ...(subject.trim() ? { subject } : {}), body }).then((r) => {
      if (!live) return;
      setPreview(r.ok ? r.value : null);
      setError(r.ok ? null : (errorMessage(r.error)));
    });
    return () => {
      live = false;
    };
    // The preview follows the typed text once it settles (typed), not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);

  const insert = (p: string) => {
    const at = bodyRef.current?.selectionStart ?? body.length;
    setBody(`${body.slice(0, at)}{${p}}${body.slice(at)}`);
  };
  const save = async () => {
    const r = await api.call('calendar.templates.update', { event, channel, ...(subject.trim() ? { subject } : {}), body });
    setSaved(r.ok);
    setError(r.ok ? null : (errorMessage(r.error)));
  };
  const reset = async () => {
    await api.call('calendar.templates.reset', { event, channel });
  };
  return (
    <Stack spacing={2}>
      {channel !== 'sms' && <TextField size="small" label={t('calendar.settings.templates.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} />}
      <TextField
        label={t('calendar.settings.templates.body')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        multiline
        minRows={3}
        inputRef={bodyRef}
        slotProps={{ htmlInput: { 'data-testid': 'template-body' } }}
      />
      <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5, alignItems: 'center' }}>
        <Typography variant="caption" color="text.secondary" sx={{ marginInlineEnd: 1 }}>
          {t('calendar.settings.templates.parameters')}
        </Typography>
        {PARAMETERS.map((p) => (
          <Chip key={p} size="small" label={t(`calendar.settings.templates.params.${p}`)} onClick={() => insert(p)} variant="outlined" />
        ))}
      </Stack>
      {preview && (
        <Paper variant="outlined" sx={{ p: 1.5, bgcolor: 'action.hover' }} data-testid="template-preview">
          <Typography variant="caption" color="text.secondary">
            {t('calendar.settings.templates.preview')}
          </Typography>
          {preview.subject && <Typography sx={{ fontWeight: 700 }}>{preview.subject}</Typography>}
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{preview.body}</Typography>
        </Paper>
      )}
      {error && (
        <Alert severity="error" data-testid="template-error">
          {error}
        </Alert>
      )}
      {saved && <Alert severity="success">{t('calendar.settings.saved')}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void save()} data-testid="save-template">
          {t('calendar.form.save')}
        </Button>
        {template.custom && <Button onClick={() => void reset()}>{t('calendar.settings.templates.reset')}</Button>}
      </Stack>
    </Stack>
  );
}
