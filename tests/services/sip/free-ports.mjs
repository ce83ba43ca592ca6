// Prints N port numbers that are free for both UDP and TCP on 127.0.0.1 (Kamailio needs
// fixed numbers: it cannot listen on port 0). A port is taken from the kernel (bind to 0)
// and checked on the other protocol too; the small race with other programs is retried by
// the start script.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const tcp = (port) =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(null));
    s.listen(port, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
const udp = (port) =>
  new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(null));
    s.bind(port, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });

const n = Number(process.argv[2] ?? 1);
const ports = new Set();
while (ports.size < n) {
  const p = await tcp(0);
  if (p && !ports.has(p) && (await udp(p))) ports.add(p);
}
console.log([...ports].join(' '));
