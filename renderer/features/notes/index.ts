import NoteAltOutlined from '@mui/icons-material/NoteAltOutlined';
import type { Feature } from '../../app/feature';
import { NoteBody } from './NoteBody';
import { NoteForm } from './NoteForm';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Notes on an identity: the box above its history, and how a note reads in it. */
export const notes: Feature = {
  name: 'notes',
  translations: { fa, en },
  timeline: { note: { icon: NoteAltOutlined, title: () => 'history.note', Body: NoteBody } },
  identityHistory: [{ key: 'note-form', order: 10, Component: NoteForm }],
};
