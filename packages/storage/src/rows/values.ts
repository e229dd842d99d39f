// Column value conversions shared by the row mappings: one place that evens out the two drivers
// (SQLite hands booleans back as 0/1 and JSON as text, PostgreSQL as true/false and parsed objects).

export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't'
export const b = (v: boolean): number => (v ? 1 : 0)
export const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v)
export const toJson = (v: unknown): string => JSON.stringify(v ?? null)
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v))
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v))
