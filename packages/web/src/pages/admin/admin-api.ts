import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Body, ok } from '../../api/client'
import type { components } from '../../api/schema'

export type User = components['schemas']['User']
export type Session = components['schemas']['Session']
export type ApiToken = components['schemas']['ApiToken']
export type CreatedToken = ApiToken & { secret: string }

export type PermissionInfo = components['schemas']['Permission']
export type Role = components['schemas']['Role']
export type Scope = components['schemas']['Scope']
export type Member = components['schemas']['Member']
const t = (tenant: string) => ({ path: { tenant } })

export const adminKeys = {
  users: ['admin', 'users'] as const,
  sessions: (login: string) => ['admin', 'sessions', login] as const,
  tokens: ['admin', 'tokens'] as const,
  permissions: ['admin', 'permissions'] as const,
  roles: (tenant: string) => ['t', tenant, 'admin', 'roles'] as const,
  members: (tenant: string) => ['t', tenant, 'admin', 'members'] as const,
}

export const useUsers = (enabled = true) =>
  useQuery({
    queryKey: adminKeys.users,
    queryFn: ({ signal }) => ok(api.GET('/api/users', { signal })).then((r) => r.items),
    enabled,
  })

export const useSessions = (login: string) =>
  useQuery({
    queryKey: adminKeys.sessions(login),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/sessions', { params: { query: { login } }, signal })).then((r) => r.items),
  })

/** Every token for an administrator; one's own otherwise. */
export const useTokens = (ownLogin: string | undefined) =>
  useQuery({
    queryKey: [...adminKeys.tokens, ownLogin ?? '*'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/tokens', { params: { query: ownLogin ? { login: ownLogin } : {} }, signal })).then(
        (r) => r.items,
      ),
  })

export const usePermissions = () =>
  useQuery({
    queryKey: adminKeys.permissions,
    queryFn: ({ signal }) => ok(api.GET('/api/permissions', { signal })).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const useRoles = (tenant: string) =>
  useQuery({
    queryKey: adminKeys.roles(tenant),
    queryFn: ({ signal }) => ok(api.GET('/api/t/{tenant}/roles', { params: t(tenant), signal })).then((r) => r.items),
  })

export const useMembers = (tenant: string) =>
  useQuery({
    queryKey: adminKeys.members(tenant),
    queryFn: ({ signal }) => ok(api.GET('/api/t/{tenant}/members', { params: t(tenant), signal })).then((r) => r.items),
  })

/** A change in 系统管理; every admin query (and who may do what) is fetched again afterwards. */
export function useAdminCall<I, O = unknown>(call: (input: I) => Promise<O>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin'] })
      void qc.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 't' && (q.queryKey[2] === 'admin' || q.queryKey[2] === 'me'),
      })
    },
  })
}

export const createUser = (body: Body<'/api/users', 'post'>) => ok(api.POST('/api/users', { body }))
export const updateUser = (login: string, body: Body<'/api/users/{login}', 'patch'>) =>
  ok(api.PATCH('/api/users/{login}', { params: { path: { login } }, body }))
export const revokeSession = (id: string) => ok(api.DELETE('/api/sessions/{id}', { params: { path: { id } } }))
export const createToken = (body: Body<'/api/tokens', 'post'>) => ok(api.POST('/api/tokens', { body }))
export const revokeToken = (id: string) => ok(api.DELETE('/api/tokens/{id}', { params: { path: { id } } }))

const ROLE = '/api/t/{tenant}/roles/{code}'
export const createRole = (tenant: string, body: Body<'/api/t/{tenant}/roles', 'post'>) =>
  ok(api.POST('/api/t/{tenant}/roles', { params: t(tenant), body }))
export const updateRole = (tenant: string, code: string, body: Body<typeof ROLE, 'patch'>) =>
  ok(api.PATCH(ROLE, { params: { path: { tenant, code } }, body }))
export const deleteRole = (tenant: string, code: string) => ok(api.DELETE(ROLE, { params: { path: { tenant, code } } }))
const MEMBER = '/api/t/{tenant}/members/{login}'
export const putMember = (tenant: string, login: string, body: Body<typeof MEMBER, 'put'>) =>
  ok(api.PUT(MEMBER, { params: { path: { tenant, login } }, body }))
