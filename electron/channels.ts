/**
 * The only IPC channels between the shell and the preload. They carry no data: the
 * renderer talks to the backend over the MessagePort the shell hands it, never through
 * the main process.
 */
/** preload → main: "this page is ready for a port to the backend". */
export const CONNECT_CHANNEL = 'daftar:connect';
/** main → preload: the transferred MessagePort to the backend (in event.ports[0]). */
export const PORT_CHANNEL = 'daftar:port';
/** main → preload: the backend process died; fail pending calls and wait for a new port. */
export const DISCONNECTED_CHANNEL = 'daftar:disconnected';
