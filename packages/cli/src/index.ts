export { loadDemo } from './demo.js'
export { buildProgram, runCli } from './program.js'
export { type ServeOptions, type Serving, serve } from './serve.js'
