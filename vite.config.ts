import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer, built to out/renderer and served by both hosts with a strict CSP. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
