import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Box from '@mui/material/Box';
import type { Rollup as RollupData } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';

/** How many of an announcement's people have seen it and done it. */
export function Rollup({ rollup }: { rollup: RollupData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = (v: number) => fmt.number(v);
  return (
    <Box data-testid="rollup" data-total={rollup.total} data-seen={rollup.seen} data-done={rollup.done}>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        <Chip size="small" label={t('tasks.rollup.total', { n: n(rollup.total) })} />
        <Chip size="small" color="info" variant="outlined" label={t('tasks.rollup.seen', { n: n(rollup.seen), total: n(rollup.total) })} />
        <Chip size="small" color="primary" variant="outlined" label={t('tasks.rollup.inProgress', { n: n(rollup.inProgress) })} />
        <Chip size="small" color="success" variant="outlined" label={t('tasks.rollup.done', { n: n(rollup.done), total: n(rollup.total) })} />
      </Stack>
      <LinearProgress
        variant="buffer"
        value={rollup.total ? (100 * rollup.done) / rollup.total : 0}
        valueBuffer={rollup.total ? (100 * rollup.seen) / rollup.total : 0}
        sx={{ mt: 1 }}
        aria-label={t('tasks.rollup.done', { n: n(rollup.done), total: n(rollup.total) })}
      />
    </Box>
  );
}
