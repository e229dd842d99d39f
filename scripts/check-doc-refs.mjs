#!/usr/bin/env node
// `npm run lint` step: fails when code or documentation cites a file of the repository that does not exist,
// so a comment never sends the reader to a renamed record or to a document outside the repository.
// It checks, in every file git tracks or would track (.md, .ts, .tsx, .js, .mjs, .cjs):
// - every `name.md` or `path/to/name.md`, resolved beside the citing file or from the repository root;
// - every `ADR NNNN`, which must name a record in docs/decisions/;
// - in Markdown, every backticked path under packages/, docs/, scripts/ or bench/;
// - that ARCHITECTURE.md names every folder of packages/core/src and packages/app/src (the slices) as `name/`,
//   and that every `name/` it names is a folder of a package's src.
// `node scripts/check-doc-refs.mjs [folder]` checks another checkout (the tests use a scratch repository).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'))

// Decision records are never edited; these cite the design brief outside the repository, and the parts
// they rely on are copied into docs/decisions/0014-design-brief.md.
const HISTORICAL = new Map([
  ['docs/decisions/0007-code-rule-checks-and-audit.md', new Set(['product.md'])],
  [
    'docs/decisions/0010-required-attributes-invent-nothing.md',
    new Set(['product.md', '/work/shared/design/decisions.md']),
  ],
  ['docs/decisions/0012-a-robust-edge.md', new Set(['decisions.md'])],
])

const SOURCE = /\.(md|ts|tsx|js|mjs|cjs)$/
// this script and its test name example citations; results and builds are generated
const SKIP = /^(scripts\/check-doc-refs\.(mjs|test\.ts)|bench\/results\/.*|.*\/dist\/.*|package-lock\.json)$/
// a token ending in .md that does not continue a URL, a longer path or an escape such as \n
const MD_REF = /(?<![\w/.:\\-])\/?(?:\.{1,2}\/)*[\w.-]+(?:\/[\w.-]+)*\.md\b/g
const ADR_REF = /\bADR (\d{4})\b/g
// placeholders such as <slice>, NAME or NNNN name a kind of file, not one file
const PLACEHOLDER = /[<>*{}…]|\b(NAME|NNNN)\b/
const PATH_REF = /`((?:packages|docs|scripts|bench)\/[^`\s]*)`/g

const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root })
  .toString()
  .split('\0')
  .filter((f) => SOURCE.test(f) && !SKIP.test(f) && existsSync(join(root, f)))
const dirsOf = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : []
const records = new Set(
  (existsSync(join(root, 'docs/decisions')) ? readdirSync(join(root, 'docs/decisions')) : [])
    .map((f) => /^(\d{4})-.*\.md$/.exec(f)?.[1])
    .filter(Boolean),
)

const exists = (from, ref) => !ref.startsWith('/') && [join(root, dirname(from), ref), join(root, ref)].some(existsSync)

const problems = []
const unresolved = []
for (const file of files) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n')
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`
    for (const [ref] of line.matchAll(MD_REF))
      if (!PLACEHOLDER.test(ref) && !exists(file, ref) && !HISTORICAL.get(file)?.has(ref))
        problems.push(`${at}: cites ${ref}, which is not a file of the repository`)
    for (const [, n] of line.matchAll(ADR_REF))
      if (!records.has(n)) problems.push(`${at}: cites ADR ${n}, which is not in docs/decisions/`)
    if (file.endsWith('.md'))
      for (const [, ref] of line.matchAll(PATH_REF))
        if (!PLACEHOLDER.test(ref) && !exists(file, ref.replace(/:\d+$/, ''))) unresolved.push({ at, ref })
  })
}
// a path git ignores is generated output (screenshots, builds): it exists once the tool that makes it has run
const ignored = new Set(
  unresolved.length === 0
    ? []
    : spawnSync('git', ['check-ignore', '--no-index', '--stdin'], {
        cwd: root,
        input: unresolved.map((u) => u.ref).join('\n'),
      })
        .stdout.toString()
        .split('\n'),
)
for (const u of unresolved) if (!ignored.has(u.ref)) problems.push(`${u.at}: names ${u.ref}, which does not exist`)

if (existsSync(join(root, 'ARCHITECTURE.md'))) {
  const architecture = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8')
  for (const pkg of ['core', 'app'])
    for (const name of dirsOf(`packages/${pkg}/src`))
      if (!architecture.includes(`\`${name}/\``))
        problems.push(`ARCHITECTURE.md: does not name the folder packages/${pkg}/src/${name}/ among the slices`)
  // a folder of the repository, of a package, of its src, or inside a slice (such as a slice's internal/)
  const folders = new Set([
    ...dirsOf('.'),
    ...dirsOf('packages').flatMap((pkg) => [
      ...dirsOf(`packages/${pkg}`),
      ...dirsOf(`packages/${pkg}/src`).flatMap((d) => [d, ...dirsOf(`packages/${pkg}/src/${d}`)]),
    ]),
  ])
  for (const [, name] of architecture.matchAll(/`([a-z][\w-]*)\/`/g))
    if (!folders.has(name)) problems.push(`ARCHITECTURE.md: names the folder ${name}/, which does not exist`)
}

if (problems.length > 0) {
  console.error(`check-doc-refs: ${problems.length} citation(s) of files that do not exist:`)
  for (const p of problems) console.error(`  ${p}`)
  process.exit(1)
}
console.log(`check-doc-refs: every cited file exists (${files.length} files read)`)
