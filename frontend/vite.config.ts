import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Everything the app needs is bundled into dist/: no remote URL at run time.
export default defineConfig({
  plugins: [vue()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1000,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
})
