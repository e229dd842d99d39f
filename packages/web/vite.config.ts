import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './precompress'

// The UI shares zod schemas and types with the server through @kehu/core's sources.
const outDir = fileURLToPath(new URL('./dist', import.meta.url))

export default defineConfig({
  plugins: [react(), precompress(outDir)],
  resolve: {
    alias: { '@kehu/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // antd alone is larger than Vite's default warning threshold; pages are split per area.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
})
