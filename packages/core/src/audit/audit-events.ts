import { z } from 'zod'
import type { AuditEvent } from '../records.js'

/** Marks a field whose value is personal or financial: `redactAuditPayload` hides (later: encrypts) it. */
const sensitive = <T extends z.ZodType>(schema: T): T => schema.meta({ sensitive: true }) as T
const isSensitive = (schema: z.ZodType) => z.globalRegistry.get(schema)?.sensitive === true

const text = z.string().nullable()

/** A customer as the audit log keeps it (`auditViewOf`): readable values — node codes, logins, yuan. */
export const AuditedCustomer = z.looseObject({
  code: z.string(),
  name: z.string(),
  uscc: sensitive(text),
  phone: sensitive(text),
  bankName: text.optional(),
  bankAccount: sensitive(text),
  taxNumber: sensitive(text),
})
export type AuditedCustomer = z.input<typeof AuditedCustomer>

/** The customer fields whose values are sensitive, by the name history and changes use. */
export const SENSITIVE_CUSTOMER_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(AuditedCustomer.shape)
    .filter(([, s]) => isSensitive(s))
    .map(([k]) => k),
)

const Change = z.object({ before: z.unknown(), after: z.unknown() })
/** Before → after per changed customer field; the sensitive fields' values are redacted by name. */
const CustomerChanges = z.record(z.string(), Change).meta({ sensitiveKeys: 'customer' })
const StatusChanged = z.object({ code: z.string(), version: z.number().int(), changes: CustomerChanges })

/** Anything a configuration event carries: history does not read it. */
const ConfigChange = z.looseObject({
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  changes: z.record(z.string(), z.unknown()).optional(),
})

/** A job's start, cancel request or end: its kind, and how it ended (with the error's code when it failed). */
const JobEvent = z.looseObject({
  kind: z.string(),
  status: z.string().optional(),
  error: z.string().nullable().optional(),
})

/** Every audit event kind (`noun.pastTense`) with its payload's schema. */
export const AUDIT_EVENTS = {
  'customer.created': z.object({
    after: AuditedCustomer,
    rule: z.string(),
    codeReplaced: z.object({ requested: z.string(), issued: z.string() }).optional(),
    /** A typed legacy code kept although it does not fit the rule: why (English). */
    codeWarning: z.string().optional(),
  }),
  'customer.updated': StatusChanged,
  'customer.disabled': StatusChanged,
  'customer.enabled': StatusChanged,
  'customer.archived': StatusChanged,
  'customer.restored': StatusChanged,
  'customer.recoded': z.object({
    from: z.string(),
    to: z.string(),
    rule: z.string(),
    serial: z.number().optional(),
    scopeKey: z.string().nullable().optional(),
    /** A typed code off the rule, kept as a legacy code: why (English). */
    codeWarning: z.string().optional(),
  }),
  'customer.reclassified': z.object({
    scheme: z.string(),
    before: z.string().nullable(),
    after: z.string().nullable(),
    via: z.string(),
  }),
  'customer.deleted': z.object({
    code: z.string(),
    before: AuditedCustomer,
    codes: z.array(z.object({ code: z.string(), kind: z.enum(['live', 'alias']) })),
  }),
  'tenant.created': ConfigChange,
  'scheme.created': ConfigChange,
  'scheme.updated': ConfigChange,
  'class.created': ConfigChange,
  'class.updated': ConfigChange,
  'class.renamed': ConfigChange,
  'class.enabled': ConfigChange,
  'class.disabled': ConfigChange,
  'class.deleted': ConfigChange,
  'class.merged': ConfigChange,
  'class.moved': ConfigChange,
  'class.batchAssigned': ConfigChange,
  'class.reclassified': ConfigChange,
  'classRule.created': ConfigChange,
  'classRule.updated': ConfigChange,
  'classRule.deleted': ConfigChange,
  'codeRule.created': ConfigChange,
  'codeRule.updated': ConfigChange,
  'codeRule.deleted': ConfigChange,
  'codeCounter.raised': ConfigChange,
  'codeMap.created': ConfigChange,
  'codeMap.updated': ConfigChange,
  'dimension.created': ConfigChange,
  'dimension.updated': ConfigChange,
  'dimension.deleted': ConfigChange,
  'attribute.created': ConfigChange,
  'attribute.updated': ConfigChange,
  'attribute.deleted': ConfigChange,
  'attribute.filled': ConfigChange,
  /** One event per export (issue 17): what was asked for and how many rows left, not the rows themselves. */
  'customers.exported': z.object({
    format: z.enum(['csv', 'xlsx']),
    encoding: z.enum(['utf-8', 'gb18030']).optional(),
    /** The customer list's filter as given (query parameters or flags). */
    filter: z.record(z.string(), z.unknown()),
    rows: z.number().int(),
    /** False when the download stopped early (the client went away or a read failed): `rows` were written. */
    complete: z.boolean(),
    /** Masked fields left out of the file for a caller without `customer:sensitive` (ADR 0029). */
    leftOut: z.array(z.string()),
  }),
  'job.started': JobEvent,
  'job.cancelled': JobEvent,
  'job.finished': JobEvent,
} as const satisfies Record<string, z.ZodType>

export type AuditAction = keyof typeof AUDIT_EVENTS
/** What a use case hands over for an event of kind `A`. */
export type AuditPayload<A extends AuditAction> = z.input<(typeof AUDIT_EVENTS)[A]>

/** One stored event, its payload typed by its kind: a discriminated union on `action`. */
export type TypedAuditEvent = {
  [A in AuditAction]: Omit<AuditEvent, 'action' | 'data'> & { action: A; data: z.output<(typeof AUDIT_EVENTS)[A]> }
}[AuditAction]

export type CustomerAuditEvent = Extract<TypedAuditEvent, { action: `customer.${string}` }>

const isAction = (a: string): a is AuditAction => Object.hasOwn(AUDIT_EVENTS, a)

/** A stored event with its payload checked against its kind's schema; null for a kind or shape kehu does not know. */
export function parseAuditEvent(e: AuditEvent): TypedAuditEvent | null {
  if (!isAction(e.action)) return null
  const r = AUDIT_EVENTS[e.action].safeParse(e.data)
  return r.success ? ({ ...e, data: r.data } as TypedAuditEvent) : null
}

/** What a sensitive value becomes; the default hides it, an encrypting one can take its place. */
export type Redact = (value: unknown, field: string) => unknown

export const REDACTED = '[redacted]'
const hide: Redact = (v) => (v === null || v === undefined ? v : REDACTED)

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    s = s.unwrap() as z.ZodType
  return s
}

function walk(schema: z.ZodType, value: unknown, redact: Redact, field: string): unknown {
  if (value === null || value === undefined) return value
  const inner = unwrap(schema)
  if (isSensitive(schema) || isSensitive(inner)) return redact(value, field)
  const meta = z.globalRegistry.get(schema)
  if (meta?.sensitiveKeys === 'customer' && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    const each = (v: unknown, k: string) => (v === null || v === undefined ? v : redact(v, k))
    for (const [k, c] of Object.entries(value as Record<string, { before: unknown; after: unknown }>))
      out[k] = SENSITIVE_CUSTOMER_FIELDS.has(k) ? { before: each(c.before, k), after: each(c.after, k) } : c
    return out
  }
  if (inner instanceof z.ZodObject && typeof value === 'object') {
    const shape = inner.shape as Record<string, z.ZodType>
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = shape[k] ? walk(shape[k], v, redact, k) : v
    return out
  }
  if (inner instanceof z.ZodArray && Array.isArray(value))
    return value.map((v) => walk(inner.element as z.ZodType, v, redact, field))
  return value
}

/**
 * The payload of an event with every field its schema marks sensitive (USCC, phone, bank account, tax number)
 * passed through `redact` — hidden by default; an encrypting function can take its place.
 */
export function redactAuditPayload<A extends AuditAction>(
  action: A,
  data: AuditPayload<A>,
  redact: Redact = hide,
): AuditPayload<A> {
  return walk(AUDIT_EVENTS[action], data, redact, '') as AuditPayload<A>
}
