// Module-resolution hook registered by run.ts: `@kehu/NAME[/SUB]` resolves to the TypeScript
// source its package.json names under "types" (packages/NAME/src/…), which tsx then compiles.
// Benchmarks thereby always measure the current source, never a stale or missing dist/.
import { existsSync, readFileSync } from 'node:fs'

const packages = new URL('../packages/', import.meta.url)
const manifests = new Map()

function sourceOf(name, sub) {
  if (!manifests.has(name)) {
    const file = new URL(`${name}/package.json`, packages)
    manifests.set(name, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)
  }
  const entry = manifests.get(name)?.exports?.[sub ? `.${sub}` : '.']
  const types = typeof entry === 'object' && entry !== null ? entry.types : undefined
  if (typeof types !== 'string' || !types.endsWith('.ts') || types.endsWith('.d.ts')) return undefined
  const url = new URL(`${name}/${types.replace(/^\.\//, '')}`, packages)
  return existsSync(url) ? url.href : undefined
}

export async function resolve(specifier, context, nextResolve) {
  const m = /^@kehu\/([^/]+)(\/.+)?$/.exec(specifier)
  const url = m ? sourceOf(m[1], m[2]) : undefined
  // Hand the source file on to tsx's resolver, which marks it as TypeScript for its loader.
  return nextResolve(url ?? specifier, context)
}
