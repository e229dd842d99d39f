import { type Text, text } from '../errors.js'
import { ACCESS_EVENTS, type AccessAction } from './access-events.js'
import { AUDIT_EVENTS, type AuditAction } from './audit-events.js'

export type LogAction = AuditAction | AccessAction

/** Every kind of event either log holds, by the name people read (the audit page's action filter and list). */
export const EVENT_LABELS: Readonly<Record<LogAction, Text>> = {
  'customer.created': text('新建客户', 'Customer created'),
  'customer.updated': text('修改客户', 'Customer edited'),
  'customer.disabled': text('停用客户', 'Customer disabled'),
  'customer.enabled': text('启用客户', 'Customer enabled'),
  'customer.archived': text('归档客户', 'Customer archived'),
  'customer.restored': text('恢复客户', 'Customer restored'),
  'customer.recoded': text('客户改码', 'Customer re-coded'),
  'customer.reclassified': text('客户改分类', 'Customer re-classified'),
  'customer.deleted': text('删除客户', 'Customer deleted'),
  'tenant.created': text('新建账套', 'Tenant created'),
  'scheme.created': text('新建分类方案', 'Scheme created'),
  'scheme.updated': text('修改分类方案', 'Scheme edited'),
  'class.created': text('新建分类', 'Class created'),
  'class.updated': text('修改分类', 'Class edited'),
  'class.renamed': text('分类改名', 'Class renamed'),
  'class.enabled': text('启用分类', 'Class enabled'),
  'class.disabled': text('停用分类', 'Class disabled'),
  'class.deleted': text('删除分类', 'Class deleted'),
  'class.merged': text('合并分类', 'Classes merged'),
  'class.moved': text('移动分类', 'Class moved'),
  'class.batchAssigned': text('批量归类', 'Customers assigned in bulk'),
  'class.reclassified': text('批量重新分类', 'Customers re-classified in bulk'),
  'classRule.created': text('新建分类规则', 'Class rule created'),
  'classRule.updated': text('修改分类规则', 'Class rule edited'),
  'classRule.deleted': text('删除分类规则', 'Class rule deleted'),
  'codeRule.created': text('新建编码规则', 'Code rule created'),
  'codeRule.updated': text('修改编码规则', 'Code rule edited'),
  'codeRule.deleted': text('删除编码规则', 'Code rule deleted'),
  'codeCounter.raised': text('调高流水号', 'Serial counter raised'),
  'codeMap.created': text('新建对照表', 'Code map created'),
  'codeMap.updated': text('修改对照表', 'Code map edited'),
  'dimension.created': text('新建维度', 'Dimension created'),
  'dimension.updated': text('修改维度', 'Dimension edited'),
  'dimension.deleted': text('删除维度', 'Dimension deleted'),
  'attribute.created': text('新建属性', 'Attribute created'),
  'attribute.updated': text('修改属性', 'Attribute edited'),
  'attribute.deleted': text('删除属性', 'Attribute deleted'),
  'attribute.filled': text('批量填写属性', 'Attribute filled in bulk'),
  'customers.exported': text('导出客户', 'Customers exported'),
  'job.started': text('启动任务', 'Job started'),
  'job.cancelled': text('取消任务', 'Job cancelled'),
  'job.finished': text('任务结束', 'Job finished'),
  'sign-in': text('登录', 'Signed in'),
  'sign-in.failed': text('登录失败', 'Sign-in failed'),
  'sign-in.limited': text('登录被限制', 'Sign-in refused (locked)'),
  'sign-in.unlocked': text('解除登录锁定', 'Sign-in lock ended'),
  'sign-out': text('退出登录', 'Signed out'),
  'session.revoked': text('结束会话', 'Session ended'),
  'user.set-up': text('设置首个管理员', 'First administrator set up'),
  'user.created': text('新建用户', 'User created'),
  'user.updated': text('修改用户', 'User edited'),
  'user.disabled': text('停用用户', 'User disabled'),
  'user.password-changed': text('修改密码', 'Password changed'),
  'token.created': text('新建 API 令牌', 'API token created'),
  'token.revoked': text('撤销 API 令牌', 'API token revoked'),
  'token.used': text('使用 API 令牌', 'API token used'),
  'role.granted': text('授予角色', 'Role granted'),
  'role.revoked': text('收回角色', 'Role taken away'),
  'role.created': text('新建角色', 'Role created'),
  'role.updated': text('修改角色', 'Role edited'),
  'role.deleted': text('删除角色', 'Role deleted'),
  'member.updated': text('修改成员权限', 'Member’s access changed'),
}

/** Every kind, in the order of the two logs' definitions: tenant changes first, then sign-ins and access. */
export const LOG_ACTIONS: readonly LogAction[] = [
  ...(Object.keys(AUDIT_EVENTS) as AuditAction[]),
  ...(Object.keys(ACCESS_EVENTS) as AccessAction[]),
]

export const isLogAction = (a: string): a is LogAction => Object.hasOwn(EVENT_LABELS, a)
