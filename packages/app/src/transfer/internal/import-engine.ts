import {
  AppError,
  BUILTIN_SCHEMES,
  buildImportInput,
  EVERY_CUSTOMER,
  IMPORT_KEY_LABELS,
  type ImportInput,
  type ImportKey,
  type ImportMapping,
  InFileKeys,
  type Issue,
  importKeyHash,
  importKeysOf,
  type NodeLookup,
  nodeLookup,
  normalizeText,
  type RowIssue,
  type RowSource,
  type Text,
  type TransactionOptions,
  type Tx,
  text,
  visibilityOf,
} from '@kehu/core'
import type { RequestContext } from '../../context.js'
import { createCustomerInTx } from '../../customers/create-customer.js'
import type { CustomerInput } from '../../customers/customer-input.js'
import { updateCustomerInTx } from '../../customers/update-customer.js'
import { resolveTenant } from '../../tenancy/resolve-tenant.js'

/** Rows per transaction: the commit (an fsync on SQLite with synchronous=FULL) is paid once per batch. */
export const IMPORT_BATCH = 1000
/** The result keeps the first issues; the error file has every bad row. */
const ISSUES_KEPT = 1000

export interface ImportSettings {
  mapping: ImportMapping
  mode: 'insert' | 'update' | 'upsert'
  key: ImportKey
  allOrNothing: boolean
  dryRun: boolean
  /** Rows per transaction (IMPORT_BATCH unless a test wants small ones). */
  batchSize?: number
}

export interface ImportIssueView {
  row: number
  column: number | null
  header: string | null
  target: string | null
  code: string
  message: Text
}

/** What an import did (or, dry, would do); kept beside the job after every batch and returned as its result. */
export interface ImportTally {
  dryRun: boolean
  mode: ImportSettings['mode']
  read: number
  inserted: number
  updated: number
  unchanged: number
  bad: number
  duplicates: number
  issues: ImportIssueView[]
  issueCount: number
  /** The file's headers and format, for the error file. */
  headers: string[]
  format: RowSource['format']
  encoding?: string | undefined
}

export interface ImportProgress {
  phase?: string
  done: number
  bad?: number
  written?: number
  rate?: number
}

/** How the engine commits: a job's step (batch and checkpoint in one transaction) and its progress reports. */
export interface ImportDriver {
  ctx: RequestContext
  jobId: string
  signal?: AbortSignal | undefined
  /** The last row a committed batch covered (rows up to it are skipped), undefined at first. */
  resumeAfter: number | undefined
  step<T>(
    work: (tx: Tx) => Promise<T>,
    next: { checkpoint: unknown; progress: ImportProgress },
    options?: TransactionOptions,
  ): Promise<T>
  report(progress: ImportProgress): Promise<void>
}

interface Pending {
  row: number
  cells: string[]
  input: ImportInput
  issues: RowIssue[]
  duplicate: boolean
}

type Outcome =
  | { row: Pending; kind: 'inserted' | 'updated' | 'unchanged' }
  | { row: Pending; kind: 'bad'; issues: RowIssue[]; duplicate: boolean }

class RowFailed extends Error {
  constructor(
    readonly issues: RowIssue[],
    readonly duplicate: boolean,
  ) {
    super('row failed')
  }
}
class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('rollback')
  }
}

const SCHEME_TARGETS = new Set<string>(BUILTIN_SCHEMES)
const DUPLICATE_CODES = new Set(['CODE_TAKEN', 'CUSTOMER_USCC_TAKEN'])

/** The mapping target an issue path names (`['classes','CH']` → `scheme:CH`, `['attributes','x']` → `attr.x`). */
function targetOf(path: readonly (string | number)[]): string | null {
  const [first, second] = path
  if (first === 'classes' && typeof second === 'string') return `scheme:${second}`
  if (first === 'attributes' && typeof second === 'string') return `attr.${second}`
  return typeof first === 'string' ? first : null
}

/**
 * Imports the rows of `source` through the same in-transaction use cases as a form's create and edit, in batches
 * of IMPORT_BATCH. Good rows commit batch by batch with the batch's last row as the checkpoint (unless
 * all-or-nothing: then one transaction); a bad row is undone by its savepoint and reported with its column; a dry
 * run does every write and rolls each batch back. See docs/decisions/0032-import.md.
 */
export async function runImport(
  driver: ImportDriver,
  source: RowSource,
  settings: ImportSettings,
): Promise<ImportTally> {
  const { ctx } = driver
  const { deps, actor } = ctx
  const visible = visibilityOf(actor)
  const prep = await deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, ctx.tenant)
    const lookups = new Map<string, NodeLookup>()
    for (const s of await tx.schemes.list(tenant.id))
      lookups.set(
        SCHEME_TARGETS.has(s.code) ? s.code : `scheme:${s.code}`,
        nodeLookup(s.name, await tx.nodes.listByScheme(tenant.id, s.id)),
      )
    // The archive's names, hashed: exact-name duplicates and update by name without a name column index.
    const names = new Map<number, string | null>()
    for (let after: string | null = null; ; ) {
      const page = await tx.customers.namesAfter(tenant.id, after, 5000)
      for (const c of page) {
        const h = importKeyHash(normalizeText(c.name))
        names.set(h, names.has(h) ? null : c.id)
      }
      if (page.length < 5000) break
      after = page[page.length - 1]!.id
    }
    const saved = driver.resumeAfter === undefined ? undefined : await tx.imports.state(tenant.id, driver.jobId)
    return { tenant, lookups, names, saved: saved as ImportTally | undefined }
  })
  const { tenant, lookups, names } = prep
  const columnOf = new Map<string, number>()
  for (const c of settings.mapping.columns) if (c.target && !columnOf.has(c.target)) columnOf.set(c.target, c.index)
  const headerOf = (column: number | null) => (column === null ? null : (source.headers[column] ?? null))

  let tally: ImportTally = prep.saved ?? {
    dryRun: settings.dryRun,
    mode: settings.mode,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    bad: 0,
    duplicates: 0,
    issues: [],
    issueCount: 0,
    headers: source.headers,
    format: source.format,
    encoding: source.encoding,
  }

  const issuesOf = (e: AppError): RowIssue[] =>
    e.issues.length > 0
      ? e.issues.map((i: Issue) => {
          const target = targetOf(i.path)
          return { column: target ? (columnOf.get(target) ?? null) : null, target, code: i.code, message: i.message }
        })
      : [{ column: null, target: null, code: e.code, message: e.text }]

  /** The archive's customer this row's key names: its id, or undefined when none (an issue when ambiguous). */
  async function existing(tx: Tx, p: Pending): Promise<string | undefined> {
    const keys = importKeysOf(p.input)
    const value = keys[settings.key]
    const label = IMPORT_KEY_LABELS[settings.key]
    if (value === undefined) {
      if (settings.mode === 'upsert') return undefined
      throw new RowFailed(
        [
          {
            column: columnOf.get(settings.key) ?? null,
            target: settings.key,
            code: 'IMPORT_KEY_MISSING',
            message: text(
              `按${label.zh}更新，但这一行没有${label.zh}`,
              `Updating by ${label.en}, but the row has no ${label.en}`,
            ),
          },
        ],
        false,
      )
    }
    if (settings.key === 'code') return (await tx.codes.find(tenant.id, value))?.customerId
    if (settings.key === 'uscc') return (await tx.customers.byUscc(tenant.id, EVERY_CUSTOMER, value))?.id
    const id = names.get(importKeyHash(value))
    if (id === null)
      throw new RowFailed(
        [
          {
            column: columnOf.get('name') ?? null,
            target: 'name',
            code: 'IMPORT_KEY_AMBIGUOUS',
            message: text(
              '档案中有多个客户叫这个名称，请按编码更新',
              'Several customers have this name; update by code',
            ),
          },
        ],
        false,
      )
    return id
  }

  /** One row through the use cases; throws RowFailed with its issues when it is bad. */
  async function writeRow(tx: Tx, p: Pending): Promise<Outcome> {
    try {
      const id = settings.mode === 'insert' ? undefined : await existing(tx, p)
      if (id) {
        const current = await tx.customers.byId(tenant.id, visible, id)
        if (current) {
          const { code: _code, ...patch } = p.input
          const patched = settings.key === 'code' ? patch : p.input
          const r = await updateCustomerInTx(ctx, tx, id, current.version, patched as CustomerInput)
          return { row: p, kind: Object.keys(r.changes).length > 0 ? 'updated' : 'unchanged' }
        }
      }
      if (settings.mode === 'update')
        throw new RowFailed(
          [
            {
              column: columnOf.get(settings.key) ?? null,
              target: settings.key,
              code: 'IMPORT_CUSTOMER_NOT_FOUND',
              message: text(
                `没有这个${IMPORT_KEY_LABELS[settings.key].zh}的客户（更新模式不新增客户）`,
                `No customer has this ${IMPORT_KEY_LABELS[settings.key].en} (update mode adds no customers)`,
              ),
            },
          ],
          false,
        )
      const name = importKeysOf(p.input).name
      if (name !== undefined && names.has(importKeyHash(name)))
        throw new RowFailed(
          [
            {
              column: columnOf.get('name') ?? null,
              target: 'name',
              code: 'IMPORT_DUPLICATE_IN_ARCHIVE',
              message: text('档案中已有同名客户', 'A customer with this name is already in the archive'),
            },
          ],
          true,
        )
      await createCustomerInTx(ctx, tx, p.input as CustomerInput)
      return { row: p, kind: 'inserted' }
    } catch (e) {
      if (e instanceof AppError) throw new RowFailed(issuesOf(e), DUPLICATE_CODES.has(e.code))
      throw e
    }
  }

  /**
   * A batch's rows in `tx`: first all at once in one savepoint; if a row fails, that savepoint is undone and
   * the batch runs again with a savepoint per row, so a bad row leaves nothing behind and the good ones stay.
   */
  async function writeBatch(tx: Tx, batch: Pending[]): Promise<Outcome[]> {
    const known: Outcome[] = []
    const rest: Pending[] = []
    for (const p of batch)
      if (p.issues.length > 0) known.push({ row: p, kind: 'bad', issues: p.issues, duplicate: p.duplicate })
      else rest.push(p)
    let written: Outcome[] | undefined
    try {
      written = await tx.savepoint(async () => {
        const out: Outcome[] = []
        for (const p of rest) out.push(await writeRow(tx, p))
        return out
      })
    } catch (e) {
      if (!(e instanceof RowFailed)) throw e
    }
    if (!written) {
      written = []
      for (const p of rest)
        try {
          written.push(await tx.savepoint(() => writeRow(tx, p)))
        } catch (e) {
          if (!(e instanceof RowFailed)) throw e
          written.push({ row: p, kind: 'bad', issues: e.issues, duplicate: e.duplicate })
        }
    }
    return [...known, ...written].sort((a, b) => a.row.row - b.row.row)
  }

  // both languages kept: whoever downloads the error file reads it in theirs (importErrorRows)
  const errorText = (issues: RowIssue[]) =>
    JSON.stringify(issues.map((i) => ({ header: headerOf(i.column), zh: i.message.zh, en: i.message.en })))

  /** The tally after `outcomes`, without changing the current one (the batch may still roll back). */
  function plus(t: ImportTally, outcomes: Outcome[]): ImportTally {
    const next = { ...t, issues: [...t.issues] }
    for (const o of outcomes) {
      next.read++
      if (o.kind !== 'bad') {
        next[o.kind]++
        continue
      }
      next.bad++
      if (o.duplicate) next.duplicates++
      next.issueCount += o.issues.length
      for (const i of o.issues)
        if (next.issues.length < ISSUES_KEPT)
          next.issues.push({
            row: o.row.row,
            column: i.column,
            header: headerOf(i.column),
            target: i.target,
            code: i.code,
            message: i.message,
          })
    }
    return next
  }

  const badRows = (outcomes: Outcome[]) =>
    outcomes.flatMap((o) =>
      o.kind === 'bad' ? [{ row: o.row.row, cells: o.row.cells, errors: errorText(o.issues) }] : [],
    )
  const persist = async (tx: Tx, next: ImportTally, outcomes: Outcome[]) => {
    await tx.imports.appendErrors(tenant.id, driver.jobId, badRows(outcomes))
    await tx.imports.saveState(tenant.id, driver.jobId, next)
  }
  const started = Date.now()
  const progressOf = (t: ImportTally): ImportProgress => {
    const seconds = (Date.now() - started) / 1000
    return {
      phase: settings.dryRun ? 'dry-run' : 'import',
      done: t.read,
      bad: t.bad,
      written: t.inserted + t.updated,
      ...(seconds > 0 ? { rate: Math.round(t.read / seconds) } : {}),
    }
  }

  const fileKeys = new InFileKeys()
  async function* pending(): AsyncGenerator<Pending> {
    for await (const r of source.rows) {
      const lookup = (target: string) => lookups.get(target)
      const { input, issues } = buildImportInput(r.cells, settings.mapping, lookup)
      const dupes = fileKeys.check(r.row, importKeysOf(input))
      // rows a committed batch covered are read again only to remember their keys
      if (driver.resumeAfter !== undefined && r.row <= driver.resumeAfter) continue
      for (const d of dupes) {
        const label = IMPORT_KEY_LABELS[d.key]
        issues.push({
          column: columnOf.get(d.key) ?? null,
          target: d.key,
          code: 'IMPORT_DUPLICATE_IN_FILE',
          message: text(`与第 ${d.row} 行的${label.zh}相同`, `Same ${label.en} as row ${d.row}`),
        })
      }
      yield { row: r.row, cells: r.cells, input, issues, duplicate: dupes.length > 0 }
    }
  }
  async function* batches(): AsyncGenerator<Pending[]> {
    let batch: Pending[] = []
    for await (const p of pending()) {
      batch.push(p)
      if (batch.length >= (settings.batchSize ?? IMPORT_BATCH)) {
        yield batch
        batch = []
        if (driver.signal?.aborted) throw driver.signal.reason ?? new Error('aborted')
      }
    }
    if (batch.length > 0) yield batch
  }

  if (settings.allOrNothing && !settings.dryRun) {
    // One transaction for the file: committed with its checkpoint past the last row, or nothing is.
    let all: ImportTally = tally
    const bad: Outcome[] = []
    try {
      await driver.step(
        async (tx) => {
          for await (const batch of batches()) {
            const out = await writeBatch(tx, batch)
            all = plus(all, out)
            bad.push(...out.filter((o) => o.kind === 'bad'))
            await driver.report(progressOf(all))
          }
          if (all.bad > 0) throw new Rollback(all)
          await persist(tx, all, [])
        },
        { checkpoint: { row: Number.MAX_SAFE_INTEGER }, progress: { phase: 'import', done: 0 } },
        { cachedConfig: true },
      )
      return all
    } catch (e) {
      if (!(e instanceof Rollback)) throw e
    }
    const refused = { ...all, inserted: 0, updated: 0, unchanged: 0 }
    await driver.step((tx) => persist(tx, refused, bad), {
      checkpoint: { row: Number.MAX_SAFE_INTEGER },
      progress: progressOf(refused),
    })
    return refused
  }

  for await (const batch of batches()) {
    const last = batch[batch.length - 1]!.row
    let next: ImportTally | undefined
    if (settings.dryRun) {
      const out = await deps.store
        .transaction(
          async (tx) => {
            throw new Rollback(await writeBatch(tx, batch))
          },
          { cachedConfig: true },
        )
        .catch((e: unknown) => {
          if (e instanceof Rollback) return e.value as Outcome[]
          throw e
        })
      next = plus(tally, out)
      const done = next
      await driver.step((tx) => persist(tx, done, out), { checkpoint: { row: last }, progress: progressOf(done) })
    } else {
      const estimate = progressOf({ ...tally, read: tally.read + batch.length })
      await driver.step(
        async (tx) => {
          const out = await writeBatch(tx, batch)
          next = plus(tally, out)
          await persist(tx, next, out)
        },
        { checkpoint: { row: last }, progress: estimate },
        // rows write customers, never configuration: the lists come from the shared cache (ADR 0009)
        { cachedConfig: true },
      )
    }
    tally = next!
  }
  return tally
}
