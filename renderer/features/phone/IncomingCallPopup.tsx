/**
 * The caller-ID popup: who is calling (the identity's name, its organisation and job title,
 * or the number when nobody has it), the newest lines of their history, and the buttons:
 * answer, decline, open the profile, a new item for the caller (any feature's new-item
 * forms: note, task, appointment…); for an unknown number, "new identity" (the contacts
 * form with the number filled in) and "add to an existing identity".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Call from '@mui/icons-material/Call';
import CallEnd from '@mui/icons-material/CallEnd';
import PersonAddAlt from '@mui/icons-material/PersonAddAlt';
import PersonSearch from '@mui/icons-material/PersonSearch';
import AccountBox from '@mui/icons-material/AccountBox';
import AddBoxOutlined from '@mui/icons-material/AddBoxOutlined';
import type { CallTimelineData, IncomingCall, RecentItem } from '../../../main/contract';
import { callTitle } from './CallTimelineItem';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../app/useFormat';
import { useNewItemForms } from '../../app/useNewItemForms';
import { NumberText, useCallerName } from './callText';
import { usePhone, usePhoneStore } from './phoneState';

export function IncomingCallPopup({ incoming }: { incoming: IncomingCall }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const navigate = useNavigate();
  const name = useCallerName();
  const lineOf = useRecentLine();
  const [error, setError] = useState<string | null>(null);
  const store = usePhoneStore();
  const { call, matches, recent } = incoming;
  const who = matches[0] ?? null;
  const ref = { callId: call.id };
  const lines = recent.map((r) => ({ at: r.at, text: lineOf(r) })).filter((l) => l.text !== '');
  const act = async (method: 'phone.answer' | 'phone.decline') => {
    const r = await api.call(method, ref);
    setError(r.ok ? null : r.error.message);
  };

  return (
    <Paper
      elevation={8}
      role="alertdialog"
      aria-labelledby={`caller-${call.id}`}
      data-testid="incoming-call"
      data-call-id={call.id}
      sx={{ p: 2, width: 360, maxWidth: 'calc(100vw - 32px)', borderInlineStart: (th) => `4px solid ${th.palette.success.main}` }}
    >
      <Typography variant="overline" color="text.secondary">
        {t(call.waiting ? 'phone.call.waiting' : 'phone.call.incoming')}
      </Typography>
      <Typography id={`caller-${call.id}`} variant="h6" component="p" sx={{ fontWeight: 800, overflowWrap: 'anywhere' }} data-testid="caller-name" dir="auto">
        {name({ identity: who, remoteName: call.remoteName, withheld: call.withheld, number: call.number })}
      </Typography>
      {who && (who.organisationName || who.jobTitle) && (
        <Typography variant="body2" color="text.secondary" data-testid="caller-organisation">
          {[who.jobTitle, who.organisationName].filter(Boolean).join(' — ')}
        </Typography>
      )}
      {call.number && (
        <Typography variant="body2">
          <NumberText number={call.number} testId="caller-number" />
        </Typography>
      )}
      {!who && call.remoteName && (
        <Typography variant="caption" color="text.secondary" component="p">
          {t('phone.call.unknown')}
        </Typography>
      )}
      {lines.length > 0 && (
        <Stack spacing={0.25} sx={{ mt: 1 }} data-testid="caller-recent">
          <Typography variant="caption" color="text.secondary">
            {t('phone.call.recent')}
          </Typography>
          {lines.map(({ at, text }, i) => (
            <Typography key={i} variant="body2" noWrap>
              {fmt.shortDate(at)} · <bdi>{text}</bdi>
            </Typography>
          ))}
        </Stack>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap', gap: 1 }}>
        <Button variant="contained" color="success" startIcon={<Call />} onClick={() => void act('phone.answer')} data-testid="answer">
          {t('phone.call.answer')}
        </Button>
        <Button variant="outlined" color="error" startIcon={<CallEnd />} onClick={() => void act('phone.decline')} data-testid="decline">
          {t('phone.call.decline')}
        </Button>
        {who ? (
          <>
            <Button startIcon={<AccountBox />} onClick={() => navigate(`/identities/${who.id}`)}>
              {t('phone.call.openProfile')}
            </Button>
            <NewItemButton callId={call.id} identity={{ id: who.id, displayName: who.displayName }} />
          </>
        ) : (
          call.number && (
            <>
              <Button
                startIcon={<PersonAddAlt />}
                data-testid="new-identity"
                onClick={() => navigate(`/contacts?new=person&phone=${encodeURIComponent(call.number)}`)}
              >
                {t('phone.call.newIdentity')}
              </Button>
              <Button startIcon={<PersonSearch />} data-testid="add-to-existing" onClick={() => store.addToExisting(call.id, call.number)}>
                {t('phone.call.addToExisting')}
              </Button>
            </>
          )
        )}
      </Stack>
      {error && (
        <Typography color="error" variant="body2" sx={{ mt: 1 }}>
          {error}
        </Typography>
      )}
    </Paper>
  );
}

/** A history item's line in the popup: its text (a note's, a logged call's subject), else what it was. */
function useRecentLine(): (r: RecentItem) => string {
  const { t } = useTranslation();
  return (r) => {
    const d = (typeof r.data === 'object' && r.data !== null ? r.data : {}) as Record<string, unknown>;
    const text = [d.subject, d.body, d.summary].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (text) return text.slice(0, 120);
    if (r.kind === 'call') {
      const call = d as unknown as CallTimelineData;
      const title = t(callTitle({ kind: r.kind, key: '', at: r.at, actor: null, data: call }));
      return call.outcome ? `${title} — ${t(`phone.outcome.${call.outcome}`)}` : title;
    }
    return '';
  };
}

/** "New…" for a known caller: the new-item forms this user may use, from every feature. */
function NewItemButton({ callId, identity }: { callId: string; identity: { id: string; displayName: string } }) {
  const { t } = useTranslation();
  const forms = useNewItemForms();
  const store = usePhoneStore();
  // One form at a time: a second would hide what is being typed in the first.
  const busy = usePhone().newItem !== null;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (forms.length === 0) return null;
  return (
    <>
      <Button startIcon={<AddBoxOutlined />} disabled={busy} onClick={(e) => setAnchor(e.currentTarget)} data-testid="caller-new-item" aria-haspopup="menu">
        {t('phone.call.newItem')}
      </Button>
      {/* Above the popups (which sit at the snackbars' height), or the list opens under them. */}
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} sx={{ zIndex: (th) => th.zIndex.snackbar + 1 }}>
        {forms.map((f) => (
          <MenuItem
            key={f.key}
            data-testid={`caller-new-${f.key}`}
            onClick={() => {
              setAnchor(null);
              store.openNewItem({ callId, kind: f.key, identity });
            }}
          >
            {t(f.labelKey)}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
