// stylis ships no types (and @types/stylis is not a dependency); the renderer uses only
// its prefixer, for the emotion caches. stylis-plugin-rtl's types refer to Middleware.
// Typed as emotion's plugin type, which is what stylis middleware is.
declare module 'stylis' {
  import type { StylisPlugin } from '@emotion/cache';
  export type Middleware = StylisPlugin;
  export const prefixer: Middleware;
}
