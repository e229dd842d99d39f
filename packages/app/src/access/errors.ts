import { errorCatalog } from '@kehu/core'

export const accessErrors = errorCatalog({
  SIGN_IN_REQUIRED: { kind: 'unauthenticated', zh: '需要先登录', en: 'The request needs a signed-in user or a token' },
  SIGN_IN_FAILED: {
    kind: 'unauthenticated',
    zh: '登录名或密码不正确（不说明是哪一个）',
    en: 'The login or the password is wrong (never saying which)',
  },
  SIGN_IN_LIMITED: {
    kind: 'rate-limited',
    zh: '登录失败次数过多，暂时锁定',
    en: 'Too many failed sign-ins: locked for a while',
  },
  SETUP_DONE: { kind: 'conflict', zh: '第一个管理员已经设置过', en: 'The first administrator is set up already' },
  USER_INVALID: { kind: 'invalid', zh: '用户信息有误', en: 'The user is not valid' },
  USER_EXISTS: { kind: 'conflict', zh: '登录名已被使用', en: 'The login is taken' },
  USER_NOT_FOUND: { kind: 'not-found', zh: '用户不存在', en: 'No such user' },
  USER_SELF_LOCKOUT: {
    kind: 'invalid',
    zh: '不能停用自己或取消自己的管理员身份',
    en: 'You cannot disable yourself or drop your own administrator role',
  },
  PASSWORD_WRONG: { kind: 'invalid', zh: '当前密码不正确', en: 'The current password is wrong' },
  ROLE_NOT_FOUND: { kind: 'not-found', zh: '角色不存在', en: 'No such role' },
  ROLE_INVALID: { kind: 'invalid', zh: '角色信息有误', en: 'The role is not valid' },
  ROLE_TAKEN: { kind: 'conflict', zh: '角色编码或名称已被使用', en: 'The role code or name is taken' },
  ROLE_BUILT_IN: { kind: 'conflict', zh: '内置角色不能修改或删除', en: 'A built-in role cannot be changed or deleted' },
  ROLE_IN_USE: {
    kind: 'conflict',
    zh: '仍有成员持有此角色，不能删除',
    en: 'Members still hold the role; it cannot be deleted',
  },
  MEMBER_INVALID: { kind: 'invalid', zh: '成员信息有误', en: 'The member is not valid' },
  MEMBER_SCOPES_WITHOUT_ROLE: {
    kind: 'invalid',
    zh: '数据权限只能给有角色的成员',
    en: 'Data scopes need a member with at least one role',
  },
  SCOPE_NODE_NOT_FOUND: {
    kind: 'invalid',
    zh: '数据权限中的分类不存在',
    en: 'A class in the data scopes does not exist',
  },
  CUSTOMER_OUTSIDE_DATA_SCOPE: {
    kind: 'forbidden',
    zh: '客户将落在您的数据权限之外',
    en: 'The customer would fall outside your data scope',
  },
  SESSION_NOT_FOUND: { kind: 'not-found', zh: '会话不存在', en: 'No such session' },
  TOKEN_INVALID_INPUT: { kind: 'invalid', zh: '令牌信息有误', en: 'The token request is not valid' },
  TOKEN_EXPIRY_INVALID: { kind: 'invalid', zh: '令牌有效期须在将来', en: "A token's expiry must lie in the future" },
  TOKEN_NOT_FOUND: { kind: 'not-found', zh: '令牌不存在', en: 'No such token' },
})
