import { createBrowserRouter, Outlet, type RouteObject } from 'react-router'
import { areas } from './areas'
import { AppLayout } from './components/app-layout'
import { SessionGate } from './components/session-gate'
import { TenantRedirect } from './components/tenant-redirect'
import { NotFoundPage } from './pages/errors/not-found-page'
import { RouteErrorPage } from './pages/errors/route-error-page'

const areaRoutes: RouteObject[] = areas.map(({ path, page: Page }) =>
  path === '' ? { index: true, element: <Page /> } : { path: `${path}/*`, element: <Page /> },
)

export const router = createBrowserRouter([
  {
    element: (
      <SessionGate>
        <Outlet />
      </SessionGate>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: '/t/:tenant',
        element: <AppLayout />,
        errorElement: <RouteErrorPage />,
        children: [...areaRoutes, { path: '*', element: <NotFoundPage /> }],
      },
      { path: '*', element: <TenantRedirect />, errorElement: <RouteErrorPage /> },
    ],
  },
])
