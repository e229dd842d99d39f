export * from './fixtures.js'
export * from './test-db.js'
