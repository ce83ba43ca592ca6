import NoteAltOutlined from '@mui/icons-material/NoteAltOutlined';
import type { Feature } from '../../app/feature';
import { NewNoteDialog } from './NewNoteDialog';
import { NoteBody } from './NoteBody';
import { NoteForm } from './NoteForm';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Notes on an identity: the box above its history, how a note reads in it, and a new-note dialog (the screen pop's). */
export const notes: Feature = {
  name: 'notes',
  translations: { fa, en },
  timeline: { note: { icon: NoteAltOutlined, title: () => 'history.note', Body: NoteBody } },
  identityHistory: [{ key: 'note-form', order: 10, Component: NoteForm }],
  newItemForms: [{ key: 'note', order: 10, labelKey: 'notes.newItem', permission: 'notes.write', Component: NewNoteDialog }],
};
