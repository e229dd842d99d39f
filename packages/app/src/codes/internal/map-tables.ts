import type { MapTable, Tx } from '@kehu/core'

/** The tenant's map tables as the engine reads them. */
export async function mapTables(tx: Tx, tenantId: string): Promise<MapTable[]> {
  return (await tx.codeMaps.list(tenantId)).map((m) => ({ name: m.name, entries: m.entries }))
}
