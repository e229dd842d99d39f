import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      {
        find: '@kehu/app/testing',
        replacement: fileURLToPath(new URL('./packages/app/src/testing/app-test.ts', import.meta.url)),
      },
      {
        find: '@kehu/storage/testing',
        replacement: fileURLToPath(new URL('./packages/storage/src/testing/index.ts', import.meta.url)),
      },
      ...['core', 'files', 'app', 'storage', 'server', 'cli', 'sample'].map((n) => ({
        find: `@kehu/${n}`,
        replacement: pkg(n),
      })),
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/web/e2e/**/*.test.ts', 'scripts/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file owns its database, so files may run in parallel; two cores here.
    maxWorkers: 2,
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    setupFiles: ['./scripts/vitest-setup.ts'],
  },
})
