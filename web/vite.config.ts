import { defineConfig } from 'vite';

// Plain Vite; Preact's JSX through esbuild, no plugin needed.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { target: 'es2022', sourcemap: true, modulePreload: { polyfill: false } },
  server: { port: 8082, strictPort: true },
});
