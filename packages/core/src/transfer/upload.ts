import type { SniffedFormat } from './sniff.js'

/** A file uploaded for an import, kept in the database so a job can read it again after a restart. */
export interface Upload {
  id: string
  tenantId: string
  /** The file's name as the user's computer called it (no folders). */
  name: string
  size: number
  sha256: string
  /** What its first bytes say it is. */
  format: SniffedFormat
  createdBy: string
  createdAt: string
}
