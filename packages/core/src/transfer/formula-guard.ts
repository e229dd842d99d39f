/**
 * Against formula injection (CSV injection): a cell a spreadsheet would run as a formula is exported with a
 * leading `'`, and import removes exactly that `'` again, so export → import gives back every value unchanged.
 *
 * A value that already starts with quotes before a trigger character (`'=x`) gets one more quote on export, or
 * import could not tell it from a guarded `=x`.
 */
const GUARDED = /^'*[=+\-@\t\r]/
const UNGUARD = /^'+[=+\-@\t\r]/

export function guardCell(value: string): string {
  return GUARDED.test(value) ? `'${value}` : value
}

export function unguardCell(value: string): string {
  return UNGUARD.test(value) ? value.slice(1) : value
}
