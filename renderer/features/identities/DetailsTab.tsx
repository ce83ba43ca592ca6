/** The Details tab of a profile: ways to reach them, notes, members, and who recorded what. */
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Stack from '@mui/material/Stack';
import Link from '@mui/material/Link';
import type { Identity } from '../../../main/contract';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../app/useFormat';
import { KindIcon, PhoneText } from './display';

function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" data-testid={testId}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <Typography color="text.secondary">{children}</Typography>;
}

/** A label (the kind) and a value on one line. */
function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', py: 0.25 }}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 96, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography component="div" sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Stack>
  );
}

export function DetailsTab({ identity: x }: { identity: Identity }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const someone = (u: Identity['createdBy']) => u?.displayName ?? t('history.system');

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))', gap: 2 }}>
      <Card title={t('profile.phones')} testId="profile-phones">
        {x.phones.length === 0 && <Empty>{t('profile.noPhones')}</Empty>}
        {x.phones.map((p) => (
          <Line key={p.id} label={t(`phoneKinds.${p.kind}`)}>
            <PhoneText display={p.display} testId="profile-phone" />
          </Line>
        ))}
      </Card>

      <Card title={t('profile.emails')}>
        {x.emails.length === 0 && <Empty>{t('profile.noEmails')}</Empty>}
        {x.emails.map((e) => (
          <Line key={e.id} label={t(`emailKinds.${e.kind}`)}>
            <Ltr>
              <Link href={`mailto:${e.address}`}>{e.address}</Link>
            </Ltr>
          </Line>
        ))}
      </Card>

      <Card title={t('profile.addresses')}>
        {x.addresses.length === 0 && <Empty>{t('profile.noAddresses')}</Empty>}
        {x.addresses.map((a) => (
          <Line key={a.id} label={t(`addressKinds.${a.kind}`)}>
            {/* People often write the city into the line too; say it once. */}
            <bdi>{a.city && !a.line.includes(a.city) ? `${a.city}${t('common.listSeparator')}${a.line}` : a.line}</bdi>
            {a.postalCode && (
              <Typography component="span" variant="body2" color="text.secondary">
                {t('profile.postalCode')} <Ltr>{fmt.digits(a.postalCode)}</Ltr>
              </Typography>
            )}
          </Line>
        ))}
      </Card>

      <Card title={t('profile.notes')}>
        {x.notes ? (
          <Typography className="preserve-lines" dir="auto">
            {x.notes}
          </Typography>
        ) : (
          <Empty>{t('profile.noNotes')}</Empty>
        )}
      </Card>

      {x.kind === 'organisation' && (
        <Card title={t('profile.members')} testId="profile-members">
          {x.members.length === 0 && <Empty>{t('profile.noMembers')}</Empty>}
          {x.members.map((m) => (
            <Stack key={m.id} direction="row" spacing={1} sx={{ alignItems: 'center', py: 0.25 }}>
              <KindIcon kind={m.kind} />
              <Link component={RouterLink} to={`/identities/${m.id}`}>
                <bdi>{m.displayName}</bdi>
              </Link>
              {m.jobTitle && (
                <Typography variant="body2" color="text.secondary">
                  <bdi>{m.jobTitle}</bdi>
                </Typography>
              )}
            </Stack>
          ))}
        </Card>
      )}

      <Card title={t('profile.record')} testId="profile-record">
        <Line label={t('profile.created')}>
          <bdi>{someone(x.createdBy)}</bdi>
          {t('common.listSeparator')}
          {fmt.dateTime(x.createdAt)}
        </Line>
        <Line label={t('profile.updated')}>
          <bdi>{someone(x.updatedBy)}</bdi>
          {t('common.listSeparator')}
          {fmt.dateTime(x.updatedAt)}
        </Line>
      </Card>
    </Box>
  );
}
