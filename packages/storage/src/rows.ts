import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.js'

// Row ↔ record mapping shared by the repositories: one place that evens out the two drivers.

/** What a repository queries through: the database or an open transaction. */
export type Q = Kysely<Database> | Transaction<Database>
export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't'
export const b = (v: boolean): number => (v ? 1 : 0)
export const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v)
export const toJson = (v: unknown): string => JSON.stringify(v ?? null)
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v))
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v))
