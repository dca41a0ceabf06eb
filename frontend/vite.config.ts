import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Everything the app needs is bundled into dist/: no remote URL at run time.
export default defineConfig({
  plugins: [vue()],
  base: './',
  // Leave out what a desktop build never uses: the Options API, devtools hooks.
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
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
