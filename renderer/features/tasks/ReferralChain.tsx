/**
 * The referral chain: who gave the task to whom, when, as what (original, copy, hidden
 * copy), with which instruction and deadline, and where each step stands. Steps are
 * indented under the step they came from.
 */
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import ArrowForwardOutlined from '@mui/icons-material/ArrowForwardOutlined';
import type { ChainStep } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';
import { StatusChip, useDeadlineText } from './display';

/** Steps in tree order (each under its parent), with their depth. */
export function chainOrder(steps: readonly ChainStep[]): { step: ChainStep; depth: number }[] {
  const children = new Map<string | null, ChainStep[]>();
  const ids = new Set(steps.map((s) => s.assignmentId));
  for (const s of steps) {
    // A step whose parent the viewer may not see hangs at the top.
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const out: { step: ChainStep; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      out.push({ step: s, depth });
      walk(s.assignmentId, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function ReferralChain({ steps }: { steps: readonly ChainStep[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const deadlineText = useDeadlineText();
  const Arrow = fmt.language === 'fa' ? ArrowBackOutlined : ArrowForwardOutlined;
  return (
    <Stack component="ol" spacing={1} sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="referral-chain">
      {chainOrder(steps).map(({ step, depth }) => (
        <Paper
          key={step.assignmentId}
          component="li"
          variant="outlined"
          sx={{ p: 1.5, marginInlineStart: depth * 3 }}
          data-testid="chain-step"
          data-holder={step.holder.displayName}
          data-mode={step.mode}
          data-status={step.status}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <bdi>{step.sender?.displayName ?? '—'}</bdi>
            <Arrow fontSize="small" color="action" aria-label={t('tasks.chain.to')} />
            <Typography component="span" sx={{ fontWeight: 700 }}>
              <bdi>{step.holder.displayName}</bdi>
            </Typography>
            {step.viaGroup && <Typography variant="body2" color="text.secondary">({t('tasks.chain.viaGroup', { group: step.viaGroup.name })})</Typography>}
            <Chip size="small" variant="outlined" label={t(`tasks.mode.${step.mode}`)} />
            <StatusChip status={step.status} />
            <Typography variant="body2" color="text.secondary" sx={{ marginInlineStart: 'auto' }}>
              {fmt.dateTime(step.at)}
            </Typography>
          </Stack>
          {step.instruction && (
            <Typography className="preserve-lines" dir="auto" sx={{ mt: 0.5 }}>
              {step.instruction}
            </Typography>
          )}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {t('tasks.field.deadline')}: {deadlineText(step.deadline)}
            {step.seenAt && ` · ${t('tasks.chain.seenAt')}: ${fmt.dateTime(step.seenAt)}`}
            {step.doneAt && ` · ${t('tasks.chain.doneAt')}: ${fmt.dateTime(step.doneAt)}`}
          </Typography>
        </Paper>
      ))}
    </Stack>
  );
}
