#!/usr/bin/env node
// First: zod schemas get `.openapi()` only when created after @hono/zod-openapi extended zod.
import '@hono/zod-openapi'
import { runCli } from './program.js'

const code = await runCli(process.argv.slice(2))
// `serve` keeps running; every other command ends here.
if (code !== 0 || !process.argv.slice(2).includes('serve')) process.exitCode = code
if (code !== 0) process.exit(code)
