import { BUILTIN_SCHEMES } from '@kehu/core'
import { z } from 'zod'

const opt = z.string().nullable().optional()

/**
 * One input shape for the API body, the CLI and the code preview's sample (decisions.md): glossary names
 * in camelCase; the built-in schemes as node codes in `type`, `region`, `industry`, `class`; user-defined
 * schemes in `classes: { SCHEME: NODE }`; attributes by code.
 */
export const CustomerInput = z.object({
  code: opt,
  name: z.string(),
  shortName: opt,
  mnemonic: opt,
  uscc: opt,
  legalRepresentative: opt,
  address: opt,
  postcode: opt,
  phone: opt,
  email: opt,
  website: opt,
  bankName: opt,
  bankAccount: opt,
  taxNumber: opt,
  /** Login of a kehu user. */
  accountManager: opt,
  department: opt,
  creditGrade: opt,
  /** Yuan as a decimal string, e.g. `'500000.00'`. */
  creditLimit: z.union([z.string(), z.number()]).nullable().optional(),
  registrationDate: opt,
  /** Code of the head-office customer (总公司). */
  headOffice: opt,
  lifecycleStage: opt,
  status: z.enum(['active', 'disabled']).optional(),
  remarks: opt,
  type: opt,
  class: opt,
  region: opt,
  industry: opt,
  classes: z.record(z.string(), z.string().nullable()).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
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
