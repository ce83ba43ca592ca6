/**
 * An area that is designed but not built yet: says plainly what it will do (from
 * PRODUCT.md), so nobody clicks around looking for it. No buttons that do nothing.
 */
import { useTranslation } from 'react-i18next';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';


export function PlannedAreaPage({ area }: { area: string }) {
  const { t } = useTranslation();
  const points = t(`planned.${area}.points`, { returnObjects: true }) as unknown;
  return (
    <Stack spacing={2} sx={{ maxWidth: 880 }} data-testid={`planned-${area}`}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1">
          {t(`nav.${area}`)}
        </Typography>
        <Chip label={t('planned.badge')} color="default" variant="outlined" size="small" />
      </Stack>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography sx={{ mb: 1.5 }}>{t(`planned.${area}.summary`)}</Typography>
        <Typography variant="subtitle2" component="h2" color="text.secondary">
          {t('planned.willHave')}
        </Typography>
        <List dense>
          {(Array.isArray(points) ? points : []).map((p: unknown, i) => (
            <ListItem key={i} disableGutters>
              <ListItemIcon sx={{ minWidth: 32 }}>
                <CheckCircleOutlined fontSize="small" color="disabled" />
              </ListItemIcon>
              <ListItemText primary={String(p)} />
            </ListItem>
          ))}
        </List>
      </Paper>
    </Stack>
  );
}
