import type { Kysely } from 'kysely'
import type { Migration } from './types.js'

// Whether a rule takes typed codes that do not fit its pattern (legacy codes), with a warning; off by default.
export const codeRuleLegacyCodes: Migration = {
  name: '0004-code-rule-legacy-codes',
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('code_rule')
      .addColumn('legacy_codes', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
  },
}
