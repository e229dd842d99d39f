import {
  type Actor,
  AppError,
  type Customer,
  fieldLabel,
  formatCents,
  issue,
  maskValue,
  SENSITIVE_FIELDS,
  type SensitiveField,
  seesSensitive,
  text,
} from '@kehu/core'

const empty = (v: unknown) => v === null || v === undefined || v === ''
const storedValue = (c: Customer, f: SensitiveField): unknown =>
  f === 'creditLimit' ? (c.creditLimitCents === null ? null : formatCents(c.creditLimitCents)) : c[f]

/**
 * Without `customer:sensitive`, an input may not set a sensitive field: refused 403, naming the fields. A value
 * equal to what the caller was shown of the stored customer (its mask, or empty when empty) changes nothing and
 * is dropped, so a form or a script that sends back what it read keeps the stored value instead of the mask.
 * Without `current` (a new customer) only empty values pass.
 */
export function withoutSensitiveEchoes<T extends Partial<Record<SensitiveField, unknown>>>(
  actor: Actor,
  input: T,
  current?: Customer,
): T {
  if (seesSensitive(actor)) return input
  const out = { ...input }
  const refused: SensitiveField[] = []
  for (const f of SENSITIVE_FIELDS) {
    if (!Object.hasOwn(input, f) || input[f] === undefined) continue
    const shown = current ? maskValue(f, storedValue(current, f)) : null
    if ((empty(input[f]) && empty(shown)) || input[f] === shown) delete out[f]
    else refused.push(f)
  }
  if (refused.length === 0) return out
  const labels = refused.map((f) => fieldLabel([f]))
  throw new AppError(
    'forbidden',
    'CUSTOMER_SENSITIVE_FIELD',
    text(
      `没有权限修改敏感字段：${labels.map((l) => l.zh).join('、')}（需要"查看与修改敏感字段"权限）`,
      `Not allowed to change sensitive fields: ${labels.map((l) => l.en).join(', ')} (needs the permission to see and edit sensitive fields)`,
    ),
    {
      issues: refused.map((f) =>
        issue(
          [f],
          'CUSTOMER_SENSITIVE_FIELD',
          text('没有权限修改此敏感字段', 'You are not allowed to change this sensitive field'),
        ),
      ),
      details: { fields: refused, permission: 'customer:sensitive' },
    },
  )
}
