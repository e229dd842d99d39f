import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/es/locale/en_US'
import zhCN from 'antd/es/locale/zh_CN'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { RouterProvider } from 'react-router'
import { isApiError } from './api/client'
import { onUnauthorized } from './api/session'
import { router } from './routes'

export const queryClient: QueryClient = new QueryClient({
  // Any 401 sends the user to the sign-in page (the gate asks who is signed in again).
  queryCache: new QueryCache({ onError: (e) => onUnauthorized(queryClient, e) }),
  mutationCache: new MutationCache({ onError: (e) => onUnauthorized(queryClient, e) }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
})

/** Providers: data, the antd locale of the current language, and the routes. */
export function App() {
  const { i18n } = useTranslation()
  // Server texts (problem details, built-in names) come in the request's language: fetch them again.
  useEffect(() => {
    const refetch = () => void queryClient.invalidateQueries()
    i18n.on('languageChanged', refetch)
    return () => i18n.off('languageChanged', refetch)
  }, [i18n])
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  )
}
