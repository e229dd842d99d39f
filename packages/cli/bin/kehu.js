#!/usr/bin/env node
// Committed shim: npm links `bin` before `prepare` builds dist/, and skips a bin whose file is missing.
import('../dist/main.js')
