import { assertCan, type Customer, parseInput, pick, visibilityOf } from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import { loadClassIndex } from '../classification/internal/class-index.js'
import type { RequestContext } from '../context.js'
import { FindCustomersInput } from '../customers/find-customers.js'
import { resolveCustomerFilter } from '../customers/internal/customer-filter.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { customerCells, layoutFor } from './internal/customer-cells.js'

/** The customer list's filter, plus the file asked for (recorded in the audit event). */
export const ExportCustomersInput = FindCustomersInput.omit({ limit: true, offset: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx').describe('xlsx (default) or csv'),
  encoding: z
    .enum(['utf-8', 'gb18030'])
    .optional()
    .describe(
      'CSV only: utf-8 (with byte-order mark, the default) or gb18030 (GBK, as Excel on Chinese Windows reads it)',
    ),
})
export type ExportCustomersInput = z.input<typeof ExportCustomersInput>

/** Rows per read transaction: memory stays bounded and the event loop gets a turn between pages. */
export const EXPORT_PAGE_SIZE = 2000

export interface CustomerExport {
  format: 'csv' | 'xlsx'
  encoding?: 'utf-8' | 'gb18030'
  /** `客户档案-20261207.xlsx` (`customers-…` in English): the day in the tenant's time zone. */
  fileName: string
  /** The XLSX sheet's name: 客户档案 or Customers. */
  sheetName: string
  /** Column labels in the caller's language, in template order. */
  headers: string[]
  /** Customers the filter matched when the export began (for progress; creations meanwhile may add some). */
  total: number
  /** Sensitive fields left out for a caller without `customer:sensitive`. */
  leftOut: string[]
  /**
   * The rows, one page at a time (cells in header order). However the reading ends — all read, the consumer
   * stopping early, an error — one `customers.exported` event records the filter and the rows handed out.
   */
  pages: AsyncGenerator<string[][], void, undefined>
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Exports the customers of any filter the customer list accepts, in the template layout, as the caller may
 * see them (data scopes; sensitive columns left out without `customer:sensitive`). Pages are read in id order by
 * keyset, each in its own short read transaction, so a million rows need neither a long transaction nor memory
 * for more than one page (ADR 0029). The filter is checked before the first row, so a bad one fails as a whole.
 */
export async function exportCustomers(
  ctx: RequestContext,
  raw: ExportCustomersInput = {},
  { pageSize = EXPORT_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<CustomerExport> {
  const { deps, actor, lang } = ctx
  assertCan(actor, 'export')
  assertCan(actor, 'customer:read')
  const input = parseInput(ExportCustomersInput, raw)
  const { format, encoding: asked, ...filterInput } = input
  const encoding = format === 'csv' ? (asked ?? 'utf-8') : undefined
  const visible = visibilityOf(actor)
  const start = await deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, ctx.tenant)
    const index = await loadClassIndex(tx, tenant.id)
    const filter = await resolveCustomerFilter(tx, tenant.id, actor, index, filterInput)
    const layout = await layoutFor(tx, tenant.id, actor, index)
    const { total } = await tx.customers.find(tenant.id, visible, { ...filter, limit: 1, offset: 0 })
    return { tenant, index, filter, layout, total }
  })
  const { tenant, index, filter, layout } = start
  const cells = customerCells(layout.columns, layout.attributes, index, actor)

  async function* pages(): AsyncGenerator<string[][], void, undefined> {
    let rows = 0
    let complete = false
    try {
      let after: string | null = null
      for (;;) {
        const page: string[][] = await deps.store.read(async (tx) => {
          const found: Customer[] = await tx.customers.scan(tenant.id, visible, filter, after, pageSize)
          await cells.prepare(tx, tenant.id, found)
          after = found.at(-1)?.id ?? after
          return found.map(cells.row)
        })
        if (page.length === 0) break
        rows += page.length
        yield page
        if (page.length < pageSize) break
        await nextTurn()
      }
      complete = true
    } finally {
      await deps.store.transaction(async (tx) => {
        await tx.audit.append(
          auditEvent(deps, actor, tenant.id, 'customers.exported', 'tenant', tenant.id, {
            format,
            ...(encoding ? { encoding } : {}),
            filter: filterInput,
            rows,
            complete,
            leftOut: layout.leftOut,
          }),
        )
      })
    }
  }

  const day = new Intl.DateTimeFormat('en-CA', { timeZone: tenant.timeZone, dateStyle: 'short' })
    .format(deps.clock.now())
    .replaceAll('-', '')
  return {
    format,
    fileName: `${lang === 'en' ? 'customers' : '客户档案'}-${day}.${format}`,
    sheetName: lang === 'en' ? 'Customers' : '客户档案',
    ...(encoding ? { encoding } : {}),
    headers: layout.columns.map((c) => pick(c.header, lang)),
    total: start.total,
    leftOut: layout.leftOut,
    pages: pages(),
  }
}
