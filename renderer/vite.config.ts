/**
 * Builds the renderer into dist/renderer. Electron loads it from file:// and the browser-mode
 * host serves it from /, so every URL is relative (base './'). The CSP allows only 'self'
 * scripts and styles: no inline scripts, no injected <style> tags, plain CSS files only.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Everything as files: CSP allows data: for images only, never for scripts, styles or fonts.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    // Chromium (Electron and browser mode) supports modulepreload natively.
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1', strictPort: true },
});
