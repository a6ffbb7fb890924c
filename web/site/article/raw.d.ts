// Vite's `?raw` imports (a file's text, inlined at build time), typed for tsc.
declare module '*?raw' {
  const text: string;
  export default text;
}
