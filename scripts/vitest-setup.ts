// Schemas get `.openapi()` only when created after @hono/zod-openapi extended zod: load it before any
// test module creates the shared core schemas (the CLI's main.ts does the same for the real server).
import '@hono/zod-openapi'
