/**
 * The task cartable (کارتابل): tabs for my tasks, referred by me, created by me, overdue
 * and all I may see; a grid or a kanban board; filters; new task and announcement.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import Tabs from '@mui/material/Tabs';
import Tab from '@mui/material/Tab';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import LinearProgress from '@mui/material/LinearProgress';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import AddTaskOutlined from '@mui/icons-material/AddTaskOutlined';
import CampaignOutlined from '@mui/icons-material/CampaignOutlined';
import TableRowsOutlined from '@mui/icons-material/TableRowsOutlined';
import ViewKanbanOutlined from '@mui/icons-material/ViewKanbanOutlined';
import { useAppState } from '../../app/AppState';
import { AnnouncementDialog } from './AnnouncementDialog';
import { AnnouncementList } from './AnnouncementList';
import { CartableFilters } from './CartableFilters';
import { CartableGrid } from './CartableGrid';
import { CartableKanban } from './CartableKanban';
import { formErrors } from '../../app/formErrors';
import { TaskDialog } from './TaskDialog';
import { TABS, useCartableRows, useCartableState, type View } from './useCartable';

export function TaskCartablePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAppState();
  const { tab, view, filters, set } = useCartableState();
  const rows = useCartableRows(tab, filters, { from: filters.from, to: filters.to });
  const [creating, setCreating] = useState(false);
  const [announcing, setAnnouncing] = useState(false);
  const [showAnnouncements, setShowAnnouncements] = useState(false);
  const errors = rows.error ? formErrors(rows.error).fields : {};

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('tasks.title')}
        </Typography>
        {can('tasks.announce') && (
          <>
            <Button onClick={() => setShowAnnouncements((s) => !s)} data-testid="announcements-toggle">
              {t('tasks.announce.mine')}
            </Button>
            <Button variant="outlined" startIcon={<CampaignOutlined />} onClick={() => setAnnouncing(true)} data-testid="announce-new">
              {t('tasks.announce.new')}
            </Button>
          </>
        )}
        {can('tasks.write') && (
          <Button variant="contained" startIcon={<AddTaskOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
            {t('tasks.new.button')}
          </Button>
        )}
      </Stack>

      <Collapse in={showAnnouncements} unmountOnExit>
        <AnnouncementList />
      </Collapse>

      <Paper variant="outlined">
        <Stack direction="row" sx={{ alignItems: 'center', borderBottom: 1, borderColor: 'divider', pe: 1 }}>
          <Tabs value={tab} onChange={(_, v: string) => set({ tab: v === 'mine' ? '' : v })} variant="scrollable" sx={{ flex: 1 }} aria-label={t('tasks.title')}>
            {TABS.map((k) => (
              <Tab key={k} value={k} label={t(`tasks.tab.${k}`)} data-testid={`tab-${k}`} />
            ))}
          </Tabs>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={view}
            onChange={(_, v: View | null) => v && set({ view: v === 'grid' ? '' : v })}
            aria-label={t('tasks.view.label')}
          >
            <ToggleButton value="grid" aria-label={t('tasks.view.grid')} data-testid="view-grid">
              <TableRowsOutlined fontSize="small" />
            </ToggleButton>
            <ToggleButton value="kanban" aria-label={t('tasks.view.kanban')} data-testid="view-kanban">
              <ViewKanbanOutlined fontSize="small" />
            </ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        <Box sx={{ p: 1.5 }}>
          <CartableFilters filters={filters} set={set} errors={errors} />
        </Box>
        <Box sx={{ height: 4 }}>{rows.loading && <LinearProgress aria-label={t('common.loading')} />}</Box>
        {rows.error && Object.keys(errors).length === 0 && <Alert severity="error">{rows.error.message}</Alert>}
        {view === 'grid' ? (
          <CartableGrid rows={rows.data?.rows ?? []} empty={rows.loading ? '' : t('tasks.empty')} />
        ) : (
          <CartableKanban rows={rows.data?.rows ?? []} />
        )}
      </Paper>

      {creating && (
        <TaskDialog
          onClose={() => setCreating(false)}
          onSaved={(task) => {
            setCreating(false);
            navigate(`/tasks/${task.id}`);
          }}
        />
      )}
      {announcing && (
        <AnnouncementDialog
          onClose={() => setAnnouncing(false)}
          onSent={(a) => {
            setAnnouncing(false);
            navigate(`/announcements/${a.id}`);
          }}
        />
      )}
    </Stack>
  );
}
