/**
 * Entry point. The connection is made first: under the web host it takes the token out of
 * the address before the hash router reads the hash.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './styles.css';
import { connect } from './api/connect';
import { initI18n, rememberedLanguage } from './i18n';
import { FEATURES } from './features';
import { directionOf } from './format/language';
import { App } from './app/App';

const connection = connect();
const language = rememberedLanguage();
initI18n(language, FEATURES);
document.documentElement.lang = language;
document.documentElement.dir = directionOf(language);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App connection={connection} />
    </StrictMode>,
  );
}
