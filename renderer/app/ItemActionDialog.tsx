/**
 * A small form about one item — what is already on the item above, the fields below —
 * in the shared FormDialog frame, so a typed note is never thrown away silently. Two
 * slots use it: `itemActions` (an icon button beside a listed item that opens it) and `newItemForms` (a follow-up or reminder
 * about the caller, opened by the screen pop). The reminders and follow-ups features fill it
 * with their own form; the button, dialog frame and actions live here once.
 */
import { useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import type { ItemRef } from '../../main/contract';
import { FormDialog } from './FormDialog';

/** What the dialog needs of a feature's form hook. */
export interface ItemActionForm {
  dirty: boolean;
  busy: boolean;
  /** False while a required field is still empty (the save button waits). */
  ready?: boolean;
  submit: (e: FormEvent) => void;
}

/** The open dialog: a form about `item`. */
export interface ItemFormDialogProps<F extends ItemActionForm> {
  /** Title before the item's own name, e.g. "Remind me about". */
  title: string;
  /** The item's name (a caller's name: outside text, isolated). */
  itemLabel: string;
  saveLabel: string;
  testIds: { dialog: string; save: string };
  /** The item the action is about. */
  item: ItemRef;
  /** The feature's form hook; called inside the dialog only, so the form's state lives as long as the dialog. */
  useForm: (item: ItemRef, onClose: () => void) => F;
  /** The list and fields, given the form. */
  children: (form: F) => ReactNode;
  onClose: () => void;
}

/** The button beside a listed item and the dialog it opens. */
export interface ItemActionDialogProps<F extends ItemActionForm> extends Omit<ItemFormDialogProps<F>, 'onClose' | 'testIds'> {
  /** Tooltip and accessible name of the button. */
  label: string;
  icon: ReactElement;
  testIds: { button: string; dialog: string; save: string };
}

export function ItemActionDialog<F extends ItemActionForm>(props: ItemActionDialogProps<F>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title={props.label}>
        <IconButton edge="end" aria-label={props.label} onClick={() => setOpen(true)} data-testid={props.testIds.button}>
          {props.icon}
        </IconButton>
      </Tooltip>
      {open && <ItemFormDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ItemFormDialog<F extends ItemActionForm>({ item, title, itemLabel, saveLabel, testIds, useForm, children, onClose }: ItemFormDialogProps<F>) {
  const form = useForm(item, onClose);
  return (
    <FormDialog
      title={
        <>
          {title} <bdi>{itemLabel}</bdi>
        </>
      }
      dirty={form.dirty}
      busy={form.busy}
      ready={form.ready}
      submitLabel={saveLabel}
      testIds={testIds}
      maxWidth="xs"
      onSubmit={form.submit}
      onClose={onClose}
    >
      {children(form)}
    </FormDialog>
  );
}
