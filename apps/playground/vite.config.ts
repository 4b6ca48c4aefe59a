import { defineConfig } from 'vite';

/**
 * A static site: relative asset paths (works from any folder and offline), ES-module Web Workers, and
 * the packages' TypeScript sources through the `@evoprop/source` condition (no build of them first).
 */
export default defineConfig({
  base: './',
  resolve: { conditions: ['@evoprop/source', 'module', 'browser', 'production', 'import', 'default'] },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  preview: { port: 4173, strictPort: true },
});
