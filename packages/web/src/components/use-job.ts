import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { type Answer, api, ok } from '../api/client'

const JOB = '/api/t/{tenant}/jobs/{id}'

export type Job = Answer<typeof JOB, 'get'>
export type JobProgressData = Job['progress']

/** Whether the job may still change (and so is polled). */
export const isOpenJob = (job: Pick<Job, 'status'> | undefined) => job?.status === 'queued' || job?.status === 'running'

const POLL_MS = 500

/**
 * Follows one job (started by a route that answered 202 `{ job }`): polls `GET /jobs/{id}` until it is done,
 * failed or cancelled. `initial` (the job the route answered) shows at once; `onEnd` is called once when it
 * finishes; `cancel()` asks it to stop.
 */
export function useJob(tenant: string, id: string | undefined, initial?: Job, onEnd?: (job: Job) => void) {
  const qc = useQueryClient()
  const key = ['t', tenant, 'jobs', id] as const
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      ok(api.GET(JOB, { params: { path: { tenant, id: id as string } }, signal })) as Promise<Job>,
    enabled: id !== undefined,
    initialData: initial && initial.id === id ? initial : undefined,
    refetchInterval: (q) => (isOpenJob(q.state.data) ? POLL_MS : false),
  })
  const ended = query.data && !isOpenJob(query.data) ? query.data : undefined
  const onEndNow = useRef(onEnd)
  onEndNow.current = onEnd
  useEffect(() => {
    if (ended) onEndNow.current?.(ended)
  }, [ended])
  const cancel = useMutation({
    mutationFn: () => ok(api.POST(`${JOB}/cancel`, { params: { path: { tenant, id: id as string } } })),
    onSuccess: (job) => qc.setQueryData(key, job),
  })
  return { job: query.data, error: query.error, cancel }
}
