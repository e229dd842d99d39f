import { type QueryClient, useQuery } from '@tanstack/react-query'
import { api, type Body, isApiError, ok } from './client'
import type { components } from './schema'

/** `GET /api/session`: who is signed in, and whether the first administrator is still to be set up. */
export type SessionInfo = components['schemas']['SessionInfo']

export const sessionKey = ['session'] as const

/** Where the first administrator is set up (offered by a banner on this machine while nobody has a password). */
export const SETUP_PATH = '/setup'

export const useSession = () =>
  useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => ok(api.GET('/api/session', { signal })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const signIn = (body: Body<'/api/session', 'post'>) => ok(api.POST('/api/session', { body }))
export const setUp = (body: Body<'/api/setup', 'post'>) => ok(api.POST('/api/setup', { body }))
export const changePassword = (body: Body<'/api/session/password', 'put'>) =>
  ok(api.PUT('/api/session/password', { body }))
export const signOut = () => ok(api.DELETE('/api/session'))

/** After signing in or out: nothing fetched for the previous caller may show, so every query starts again. */
export const restartAfterSignIn = (client: QueryClient) => client.resetQueries()

/**
 * A 401 from any call means the session ended (idle, revoked, signed out elsewhere): asking who is signed in
 * again makes the gate show the sign-in page. A failed sign-in itself is answered on its form.
 */
export function onUnauthorized(client: QueryClient, error: unknown) {
  if (isApiError(error) && error.status === 401 && error.code !== 'SIGN_IN_FAILED')
    void client.invalidateQueries({ queryKey: sessionKey })
}
