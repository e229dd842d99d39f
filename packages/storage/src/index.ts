export * from './connect.js'
export * from './kysely-store.js'
export * from './migrate.js'
export type { Database } from './schema.js'
