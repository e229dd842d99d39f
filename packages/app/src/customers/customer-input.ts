import { BUILTIN_SCHEMES, CUSTOMER_FIELD_MAX as MAX } from '@kehu/core'
import { z } from 'zod'

/** An optional text field of at most `max` characters. */
const opt = (max: number) => z.string().max(max).nullable().optional()
// Core checks these fields' lengths after trimming, with its own message; the schema only bounds the input.
const checked = (max: number) => opt(max * 2)
const CODE = 100

/**
 * One input shape for the API body, the CLI and the code preview's sample (docs/decisions/0014-design-brief.md,
 * "Customer input"): glossary names in camelCase; the built-in schemes as node codes in `type`, `region`, `industry`,
 * `class`; user-defined schemes in `classes: { SCHEME: NODE }`; attributes by code.
 */
export const CustomerInput = z.object({
  code: opt(CODE),
  /** When the typed `code` is taken: issue the rule's next free code instead of refusing (the clerk's consent). */
  nextCodeIfTaken: z.boolean().optional(),
  name: z.string().max(MAX.name * 2),
  shortName: checked(MAX.shortName),
  mnemonic: checked(MAX.mnemonic),
  uscc: opt(50),
  legalRepresentative: checked(MAX.legalRepresentative),
  address: checked(MAX.address),
  postcode: opt(20),
  phone: opt(50),
  email: opt(254),
  website: opt(500),
  bankName: checked(MAX.bankName),
  bankAccount: checked(MAX.bankAccount),
  taxNumber: checked(MAX.taxNumber),
  /** Login of a kehu user. */
  accountManager: opt(CODE),
  department: opt(100),
  creditGrade: checked(MAX.creditGrade),
  /** Yuan as a decimal string, e.g. `'500000.00'`. */
  creditLimit: z
    .union([z.string().max(30), z.number()])
    .nullable()
    .optional(),
  registrationDate: opt(30),
  /** Code of the head-office customer (总公司). */
  headOffice: opt(CODE),
  lifecycleStage: opt(50),
  status: z.enum(['active', 'disabled']).optional(),
  remarks: checked(MAX.remarks),
  type: opt(CODE),
  class: opt(CODE),
  region: opt(CODE),
  industry: opt(CODE),
  classes: z.record(z.string().max(CODE), z.string().max(CODE).nullable()).optional(),
  attributes: z.record(z.string().max(CODE), z.unknown()).optional(),
})
export type CustomerInput = z.infer<typeof CustomerInput>

/** The scheme codes and node codes an input names (built-ins and user-defined alike). */
export function nodeCodesOf(input: Partial<CustomerInput>): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const s of BUILTIN_SCHEMES) {
    const v = input[s]
    if (v !== undefined) out[s] = v === null || v.trim() === '' ? null : v
  }
  for (const [s, v] of Object.entries(input.classes ?? {})) out[s] = v === null || v.trim() === '' ? null : v
  return out
}
