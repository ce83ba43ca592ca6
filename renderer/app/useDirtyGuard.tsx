/**
 * Nothing typed is lost silently. A form that holds unsaved input asks before it is thrown
 * away by Escape or a click beside it; an explicit "Cancel" still closes at once (that is
 * the person's choice, not an accident). Every form uses it:
 *
 *   - dialogs: <GuardedDialog dirty={changed} onClose={close} …> instead of MUI's <Dialog>
 *     (renderer/app/GuardedDialog.tsx), which routes Escape and backdrop clicks through
 *     here;
 *   - anything else that closes a form (a drawer, a popover, an inline editor):
 *       const guard = useDirtyGuard(changed);
 *       … onClose={() => guard.close(close)} …
 *       {guard.prompt}
 *
 * `dirty` should mean "closing now loses something the person typed" (compare what would
 * be saved with what was there), not "a field was touched".
 */
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Dialog from '@mui/material/Dialog';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogActions from '@mui/material/DialogActions';
import Button from '@mui/material/Button';

export interface DirtyGuard {
  /** Closes at once when nothing would be lost; otherwise asks, and closes only on "discard". */
  close(close: () => void): void;
  /** The question; render it next to the form. */
  prompt: ReactNode;
}

export function useDirtyGuard(dirty: boolean): DirtyGuard {
  const { t } = useTranslation();
  const [pending, setPending] = useState<(() => void) | null>(null);

  const close = useCallback(
    (closeForm: () => void) => {
      if (dirty) setPending(() => closeForm);
      else closeForm();
    },
    [dirty],
  );

  const keepEditing = () => setPending(null);
  const discard = () => {
    const closeForm = pending;
    setPending(null);
    closeForm?.();
  };

  const prompt = (
    <Dialog
      open={pending !== null}
      // Escape or a click beside the question means "no, go back": the safe answer.
      onClose={keepEditing}
      aria-labelledby="discard-title"
      aria-describedby="discard-text"
      data-testid="discard-prompt"
    >
      <DialogTitle id="discard-title">{t('discard.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="discard-text">{t('discard.text')}</DialogContentText>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button color="error" onClick={discard} data-testid="discard-confirm">
          {t('discard.discard')}
        </Button>
        <Button variant="contained" onClick={keepEditing} autoFocus data-testid="discard-keep">
          {t('discard.keepEditing')}
        </Button>
      </DialogActions>
    </Dialog>
  );

  return { close, prompt };
}
