import ContactsOutlined from '@mui/icons-material/ContactsOutlined';
import type { Feature } from '../../app/feature';
import { ContactsPage } from './ContactsPage';
import { ProfilePage } from './ProfilePage';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Contacts: the list with search, the identity form, the profile with its history. */
export const identities: Feature = {
  name: 'identities',
  routes: [
    { path: 'contacts', Page: ContactsPage },
    { path: 'identities/:id', Page: ProfilePage },
  ],
  nav: { path: '/contacts', labelKey: 'nav.contacts', icon: ContactsOutlined, order: 50, alsoMatches: ['/identities'] },
  translations: { fa, en },
};
