import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { SETUP_PATH, useSession } from '../api/session'
import { SetUpPage } from '../pages/session/set-up-page'
import { SignInPage } from '../pages/session/sign-in-page'
import { ApiErrorAlert } from './api-error-alert'
import { Loading } from './app-layout'

/**
 * Every page needs a caller: a signed-in user, or, before anyone has a password, this machine (the local
 * administrator, who may open the set-up page). Anyone else gets the sign-in page in place.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession()
  const { pathname } = useLocation()
  if (session.isPending) return <Loading />
  if (session.isError)
    return (
      <div style={{ padding: 24 }}>
        <ApiErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </div>
    )
  const { user, via, setupRequired } = session.data
  if (pathname === SETUP_PATH) return setupRequired ? <SetUpPage /> : <Navigate replace to="/" />
  if (!user && via !== 'loopback') return <SignInPage />
  return children
}
