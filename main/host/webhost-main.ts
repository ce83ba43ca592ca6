/** The web host's command line (bundled to dist/main/webhost.js); everything it does is in webhost.ts. */
import { main } from './webhost';

void main({
  argv: process.argv.slice(2),
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  exit: (code) => process.exit(code),
  onSignal: (signal, stop) => process.once(signal, stop),
});
