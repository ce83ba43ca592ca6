// SQL migration files are imported as text (esbuild's text loader, a Vite plugin under vitest).
declare module '*.sql' {
  const text: string;
  export default text;
}
