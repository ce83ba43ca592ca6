/**
 * How a call reads everywhere (popup, toolbar, history, timeline): who, the number in the
 * interface's digits read left to right, the outcome, the duration. Names and numbers from
 * the network are React text, never markup.
 */
import { useTranslation } from 'react-i18next';
import CallReceived from '@mui/icons-material/CallReceived';
import CallMade from '@mui/icons-material/CallMade';
import CallMissed from '@mui/icons-material/CallMissed';
import PhoneDisabled from '@mui/icons-material/PhoneDisabled';
import type { CallDirection, CallOutcome } from '../../../main/contract';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../app/useFormat';

export function NumberText({ number, testId }: { number: string; testId?: string }) {
  const fmt = useFormat();
  return <Ltr testId={testId}>{fmt.digits(number)}</Ltr>;
}

/** The caller's name: the identity's, else the network's display name, else "unknown". */
export function useCallerName(): (c: { identity: { displayName: string } | null; remoteName: string | null; withheld?: boolean; number: string }) => string {
  const { t } = useTranslation();
  return (c) => c.identity?.displayName ?? c.remoteName ?? (c.withheld ? t('phone.call.withheld') : t('phone.call.unknown'));
}

/** 75 000 ms → ۱:۱۵ */
export function useDuration(): (ms: number | null) => string {
  const fmt = useFormat();
  return (ms) => {
    if (ms === null) return '';
    const s = Math.max(0, Math.round(ms / 1000));
    const text = s >= 3600 ? `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
    return fmt.digits(text);
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function DirectionIcon({ direction, outcome }: { direction: CallDirection; outcome: CallOutcome | null }) {
  const { t } = useTranslation();
  if (direction === 'incoming' && (outcome === 'missed' || outcome === 'busy')) {
    return <CallMissed fontSize="small" color="error" titleAccess={t('phone.timeline.missed')} />;
  }
  if (outcome === 'failed' || outcome === 'rejected') return <PhoneDisabled fontSize="small" color="warning" titleAccess={t(`phone.outcome.${outcome}`)} />;
  return direction === 'incoming' ? (
    <CallReceived fontSize="small" color="success" titleAccess={t('phone.call.incoming')} />
  ) : (
    <CallMade fontSize="small" color="primary" titleAccess={t('phone.call.outgoing')} />
  );
}
