import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { api, ok } from '../../api/client'
import type { components, paths } from '../../api/schema'

export type AuditEntry = components['schemas']['AuditEntry']
export type FieldChange = components['schemas']['FieldChange']
/** The page's filters, as `GET /audit` takes them (days of the tenant's calendar for the time range). */
export type AuditFilter = Omit<NonNullable<paths['/api/t/{tenant}/audit']['get']['parameters']['query']>, 'cursor'>

const PAGE = 50

/** The audit log newest first, one page of 50 at a time: `fetchNextPage` follows the server's cursor. */
export const useAuditLog = (tenant: string, filter: AuditFilter) =>
  useInfiniteQuery({
    queryKey: ['t', tenant, 'audit', filter],
    queryFn: ({ signal, pageParam }) =>
      ok(
        api.GET('/api/t/{tenant}/audit', {
          params: { path: { tenant }, query: { ...filter, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })
