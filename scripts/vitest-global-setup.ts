import type { TestProject } from 'vitest/node'
import { prepareTemplate } from '../packages/storage/src/testing/test-db.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string
  }
}

/** Once per run: the migrated PostgreSQL template every test file copies its database from. */
export default async function setup(project: TestProject) {
  const url = process.env.KEHU_TEST_PG_URL
  if (!url) {
    if (process.env.CI === 'true' || process.env.CI === '1')
      throw new Error('CI=true requires KEHU_TEST_PG_URL: PostgreSQL tests may not be skipped in CI')
    return
  }
  const template = await prepareTemplate(url)
  project.provide('pgTemplate', template.name)
  return () => template.drop()
}
