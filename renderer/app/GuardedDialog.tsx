/**
 * MUI's Dialog for forms: Escape and a click on the backdrop ask before unsaved input is
 * thrown away (useDirtyGuard.tsx says why and how); `onClose` is called only when the
 * dialog really closes. Everything else is passed to MUI's Dialog as it is.
 */
import Dialog, { type DialogProps } from '@mui/material/Dialog';
import { useDirtyGuard } from './useDirtyGuard';

export type GuardedDialogProps = Omit<DialogProps, 'onClose' | 'open'> & {
  /** True when closing now would lose something typed. */
  dirty: boolean;
  onClose(): void;
  open?: boolean;
};

export function GuardedDialog({ dirty, onClose, open = true, children, ...props }: GuardedDialogProps) {
  const guard = useDirtyGuard(dirty);
  return (
    <>
      <Dialog {...props} open={open} onClose={() => guard.close(onClose)}>
        {children}
      </Dialog>
      {guard.prompt}
    </>
  );
}
