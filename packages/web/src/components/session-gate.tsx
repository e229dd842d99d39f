import type { ReactNode } from 'react'
import { useSession } from '../api/session'
import { SetUpPage } from '../pages/session/set-up-page'
import { SignInPage } from '../pages/session/sign-in-page'
import { ApiErrorAlert } from './api-error-alert'
import { Loading } from './app-layout'

/**
 * Every page needs a caller: a signed-in user, or, before anyone has a password, this machine (the local
 * administrator, offered the set-up of the first administrator). Anyone else gets the sign-in page in place.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession()
  if (session.isPending) return <Loading />
  if (session.isError)
    return (
      <div style={{ padding: 24 }}>
        <ApiErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </div>
    )
  const { user, via, setupRequired } = session.data
  if (!user && setupRequired) return <SetUpPage />
  if (!user && via !== 'loopback') return <SignInPage />
  return children
}
