// Runs a TypeScript worker thread from source (tests, benchmarks): tsx compiles it and @kehu/* resolve to
// the packages' sources, as they do in the thread that started it. Built code starts its .js worker directly.
import { register } from 'node:module'
import { workerData } from 'node:worker_threads'
import { register as registerTsx } from 'tsx/esm/api'

registerTsx()
register(new URL('../bench/resolve-src.mjs', import.meta.url))
await import(workerData.entry)
