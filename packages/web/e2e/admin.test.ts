// 系统管理 in the browser: an administrator signs in and manages users (create, reset a password, sessions,
// disable), API tokens (shown once, revoked), in Chinese and English and at 390 px.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  describeBrowser,
  expectNoSideways,
  launchBrowser,
  pick,
  type RunningApp,
  screenshot,
  signedIn as signIn,
  startApp,
} from './harness.js'

const PASSWORD = 'correct horse battery'
/** antd spaces out a two-character Chinese button label (保 存): match it with or without. */
const zh = (label: string) => new RegExp(`^${[...label].join('\\s?')}$`)

describeBrowser('system administration', () => {
  let browser: Browser
  let app: RunningApp
  beforeAll(async () => {
    browser = await launchBrowser()
    app = await startApp()
    // The first administrator, set up from this machine as the set-up page would.
    const setup = await fetch(`${app.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ login: 'chief', displayName: '张总', password: PASSWORD }),
    })
    expect(setup.status).toBe(201)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const signedIn = (
    o: { width: number; height: number; lang: 'zh-CN' | 'en'; path: string },
    login = 'chief',
    password = PASSWORD,
  ) => signIn(browser, app, o, login, password)

  /** The OK of the open Popconfirm. */
  const confirmButton = (page: Page) =>
    page.locator('.ant-popconfirm:visible').getByRole('button', { name: /^(确\s?定|OK)$/ })

  const noSideways = expectNoSideways
  /** No tab folded into the tab bar's "…" menu: each one inside the window. */
  const allTabsShown = async (page: Page) => {
    expect(await page.locator('.ant-tabs-nav-more').isVisible()).toBe(false)
    for (const tab of ['users', 'roles', 'members', 'tokens']) {
      const box = await page.getByTestId(`admin-tab-${tab}`).boundingBox()
      expect(box && box.x + box.width <= (page.viewportSize()?.width ?? 0)).toBe(true)
    }
  }

  it('creates a user with an initial password, resets it, lists and disables them (zh)', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 900, lang: 'zh-CN', path: '' })
    await page.getByRole('menu').getByText('系统管理', { exact: true }).click()
    await page.waitForURL(/\/t\/demo\/admin\/users$/)
    const users = page.getByTestId('users-tab')
    await users.getByText('chief', { exact: true }).waitFor()

    await page.getByTestId('user-add').click()
    const dialog = page.getByRole('dialog', { name: '新建用户' })
    await dialog.getByLabel('登录名').fill('wang')
    await dialog.getByLabel('姓名').fill('王业务')
    await dialog.getByLabel('初始密码（至少 10 个字符）').fill('short')
    await dialog.getByLabel('再次输入密码').fill('other')
    await dialog.getByRole('button', { name: zh('保存') }).click()
    await dialog.getByText('密码至少 10 个字符').waitFor()
    await dialog.getByText('两次输入的密码不一致').waitFor()
    await dialog.getByLabel('初始密码（至少 10 个字符）').fill(PASSWORD)
    await dialog.getByLabel('再次输入密码').fill(PASSWORD)
    await screenshot(page, 'admin-user-create-zh')
    await dialog.getByRole('button', { name: zh('保存') }).click()
    await dialog.waitFor({ state: 'detached' })
    await users.getByRole('row', { name: /wang/ }).getByText('王业务').waitFor()
    await screenshot(page, 'admin-users-zh')

    // The new user can sign in with the initial password; then the administrator resets it.
    const wang = await signedIn({ width: 1280, height: 900, lang: 'zh-CN', path: '' }, 'wang', PASSWORD)
    const row = users.getByRole('row', { name: /wang/ })
    await row.getByRole('button', { name: zh('会话') }).click()
    const sessions = page.getByRole('dialog', { name: 'wang 的登录会话' })
    await sessions.getByRole('button', { name: zh('撤销') }).click()
    await confirmButton(page).click()
    await page.getByText('会话已结束').waitFor()
    await sessions.getByText('没有有效的会话').waitFor()
    await screenshot(page, 'admin-user-sessions-zh')
    await sessions.getByRole('button', { name: zh('关闭') }).click()
    // The revoked session is signed out at its next request.
    await wang.page.reload()
    await wang.page.getByRole('heading', { name: '登录' }).waitFor()
    await wang.context.close()

    await row.getByRole('button', { name: zh('重置密码') }).click()
    const reset = page.getByRole('dialog', { name: '重置 wang 的密码' })
    await reset.getByLabel('新密码（至少 10 个字符）').fill('another good password')
    await reset.getByLabel('再次输入密码').fill('another good password')
    await reset.getByRole('button', { name: zh('保存') }).click()
    await page.getByText('已重置 wang 的密码').waitFor()

    await row.getByRole('button', { name: zh('停用') }).click()
    await confirmButton(page).click()
    await row.getByText('已停用').waitFor()
    // One cannot disable oneself.
    expect(
      await users
        .getByRole('row', { name: /chief/ })
        .getByRole('button', { name: zh('停用') })
        .isDisabled(),
    ).toBe(true)
    await row.getByRole('button', { name: zh('启用') }).click()
    await row.getByRole('button', { name: zh('停用') }).waitFor()
    await context.close()
  }, 180_000)

  it('creates, edits and deletes a custom role with permission checkboxes; a built-in role is shown, not edited (zh)', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 900, lang: 'zh-CN', path: 'admin/roles' })
    const roles = page.getByTestId('roles-tab')
    const drawer = (title: string) => page.locator('.ant-drawer-content').filter({ hasText: title })
    await roles
      .getByTestId('role-actions-sales')
      .getByRole('button', { name: zh('查看') })
      .click()
    const sales = drawer('角色 业务员')
    await sales.getByText('内置角色的权限由系统决定，不能修改或删除').waitFor()
    const viewCustomers = sales.getByRole('checkbox', { name: /^查看客户/ })
    expect([await viewCustomers.isChecked(), await viewCustomers.isDisabled()]).toEqual([true, true])
    expect(await sales.getByRole('checkbox', { name: /^查看与修改敏感字段/ }).isChecked()).toBe(false)
    expect(await sales.getByTestId('role-save').count()).toBe(0)
    await page.keyboard.press('Escape')
    await sales.waitFor({ state: 'hidden' })

    await page.getByTestId('role-add').click()
    const add = drawer('新建角色')
    await add.getByTestId('role-save').click()
    await add.getByText('请输入角色编码').waitFor()
    await add.getByText('请至少选择一项权限').waitFor()
    await add.getByLabel('角色编码').fill('area')
    await add.getByLabel('角色名称').fill('区域经理')
    await add.getByRole('checkbox', { name: /^查看客户/ }).check()
    await add.getByRole('checkbox', { name: /^查看分类/ }).check()
    await screenshot(page, 'admin-role-create-zh')
    await add.getByTestId('role-save').click()
    await page.getByText('已保存角色 区域经理').waitFor()
    const row = roles.getByRole('row', { name: /区域经理/ })
    await row.getByText(/^2 项权限/).waitFor()

    await row.getByRole('button', { name: zh('编辑') }).click()
    const edit = drawer('编辑角色 区域经理')
    expect(await edit.getByLabel('角色编码').isDisabled()).toBe(true)
    await edit.getByRole('checkbox', { name: /^修改客户/ }).check()
    await edit.getByTestId('role-save').click()
    await row.getByText(/^3 项权限/).waitFor()
    await screenshot(page, 'admin-roles-zh')

    await row.getByRole('button', { name: zh('删除') }).click()
    await confirmButton(page).click()
    await page.getByText('已删除角色 区域经理').waitFor()
    await row.waitFor({ state: 'detached' })
    await context.close()
  }, 120_000)

  it('creates an API token shown once with a copy button, and revokes it (en)', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 900, lang: 'en', path: 'admin/tokens' })
    const tokens = page.getByTestId('tokens-tab')
    await page.getByTestId('token-add').click()
    const dialog = page.getByRole('dialog', { name: 'New token' })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.getByText('Enter a name for the token').waitFor()
    await dialog.getByLabel('Name').fill('ERP sync')
    await dialog.getByRole('button', { name: 'Save' }).click()
    const shown = page.getByRole('dialog', { name: 'Token created' })
    const secret = (await shown.getByTestId('token-secret').textContent()) ?? ''
    expect(secret).toMatch(/^kehu_[\w-]{40,}$/)
    await shown.getByRole('button', { name: 'Copy' }).waitFor()
    await screenshot(page, 'admin-token-created-en')
    // The secret works as a bearer token, and is never listed again.
    const asToken = await fetch(`${app.url}/api/t/demo/me`, { headers: { authorization: `Bearer ${secret}` } })
    expect(asToken.status).toBe(200)
    await shown.getByTestId('token-secret-close').click()
    const row = tokens.getByRole('row', { name: /ERP sync/ })
    await row.getByText('Active').waitFor()
    expect(await tokens.textContent()).not.toContain(secret)
    await screenshot(page, 'admin-tokens-en')
    await row.getByTestId('token-revoke-ERP sync').click()
    await confirmButton(page).click()
    await row.getByText('Revoked').waitFor()
    const revoked = await fetch(`${app.url}/api/t/demo/me`, { headers: { authorization: `Bearer ${secret}` } })
    expect(revoked.status).toBe(401)
    await context.close()
  }, 120_000)

  it('gives a new user a role and a region scope; signed in, they see only what those allow (zh, 390 px)', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 900, lang: 'zh-CN', path: 'admin/users' })
    await page.getByTestId('user-add').click()
    const dialog = page.getByRole('dialog', { name: '新建用户' })
    await dialog.getByLabel('登录名').fill('li')
    await dialog.getByLabel('姓名').fill('李只读')
    await dialog.getByLabel('初始密码（至少 10 个字符）').fill(PASSWORD)
    await dialog.getByLabel('再次输入密码').fill(PASSWORD)
    await pick(page, dialog.getByTestId('user-role'), '只读')
    await dialog.getByRole('button', { name: zh('保存') }).click()
    await dialog.waitFor({ state: 'detached' })
    await page
      .getByTestId('users-tab')
      .getByRole('row', { name: /李只读/ })
      .locator('.ant-tag', { hasText: /^只读$/ })
      .waitFor()

    await page.getByTestId('admin-tab-members').click()
    const members = page.getByTestId('members-tab')
    const row = members.getByRole('row', { name: /李只读/ })
    await row.getByText('全部客户').waitFor()
    await members
      .getByTestId('member-actions-li')
      .getByRole('button', { name: zh('编辑') })
      .click()
    const drawer = page.locator('.ant-drawer-content').filter({ hasText: '设置 李只读 的角色与数据权限' })
    await pick(page, drawer.getByTestId('scope-scheme'), '地区')
    // The node box only adds: it never shows a choice, so the option is clicked, again if the tree was late.
    const scopes = drawer.getByTestId('member-scopes')
    for (let attempt = 1; !(await scopes.getByText('(HBBJ) 北京').isVisible()); attempt++) {
      await drawer.getByTestId('scope-node').click()
      await page.keyboard.type('北京')
      try {
        await page
          .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: '(HBBJ) 北京' })
          .click({ timeout: 5_000 })
        await scopes.getByText('(HBBJ) 北京').waitFor({ timeout: 3_000 })
      } catch (e) {
        if (attempt === 3) throw e
        await page.keyboard.press('Escape')
      }
    }
    expect(await scopes.getByRole('radio', { name: '本级及下级' }).isChecked()).toBe(true)
    await screenshot(page, 'admin-member-scope-zh')
    await drawer.getByTestId('member-save').click()
    await page.getByText('已保存 李只读 的角色与数据权限').waitFor()
    await row.getByText(/\(HBBJ\) 北京 · 本级及下级/).waitFor()
    await screenshot(page, 'admin-members-zh')
    await context.close()

    // 李只读 on a phone: no 系统管理, no 新建客户, only Beijing customers, masked phones, no edit.
    const li = await signedIn({ width: 390, height: 844, lang: 'zh-CN', path: 'customers' }, 'li', PASSWORD)
    const cards = li.page.getByTestId('customer-card')
    await cards.first().waitFor()
    for (const code of await li.page
      .getByTestId('customer-card')
      .locator('.ant-typography-secondary')
      .allTextContents())
      if (/^[A-Z]-/.test(code)) expect(code).toMatch(/-BJ-/)
    expect(await li.page.getByTestId('new-customer').count()).toBe(0)
    expect(await li.page.getByTestId('phone-link').count()).toBe(0)
    await noSideways(li.page)
    await screenshot(li.page, 'admin-restricted-list-zh-390')
    await li.page.getByRole('button', { name: '导航' }).click()
    const menu = li.page.getByRole('menu')
    await menu.getByText('客户档案', { exact: true }).waitFor()
    expect(await menu.getByText('系统管理', { exact: true }).count()).toBe(0)
    await li.page.goto(`${app.url}/t/demo/admin`)
    await li.page.getByText('您没有打开「系统管理」的权限').waitFor()
    await li.page.goto(`${app.url}/t/demo/customers/new`)
    await li.page.getByText('您没有打开「新建客户」的权限').waitFor()
    await li.page.goto(`${app.url}/t/demo/customers`)
    await cards.first().locator('a').first().click()
    await li.page.getByTestId('customer-code').waitFor()
    expect(await li.page.getByTestId('edit-customer').count()).toBe(0)
    await screenshot(li.page, 'admin-restricted-record-zh-390')
    await li.context.close()
  }, 180_000)

  it('fits every tab on a 390 px phone, in Chinese and English', async () => {
    const { context, page } = await signedIn({ width: 390, height: 844, lang: 'zh-CN', path: 'admin/users' })
    for (const tab of ['users', 'roles', 'members', 'tokens']) {
      await page.goto(`${app.url}/t/demo/admin/${tab}`)
      await page.getByTestId(`${tab}-tab`).waitFor()
      await page.getByTestId(`${tab}-tab`).getByRole('row').nth(1).waitFor()
      await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' })
      await noSideways(page)
      await allTabsShown(page)
      await screenshot(page, `admin-${tab}-zh-390`)
    }
    await page.goto(`${app.url}/t/demo/admin/users`)
    await page.getByText('English').click()
    await page.getByTestId('admin-tab-users').getByText('Users').waitFor()
    await page.getByTestId('admin-tab-users').click()
    await page.getByTestId('users-tab').getByText('wang').waitFor()
    await noSideways(page)
    await allTabsShown(page)
    await screenshot(page, 'admin-users-en-390')
    await context.close()
  }, 120_000)
  it('shows a member without customer:read a dashboard of what they may see (zh, en at 390 px)', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 900, lang: 'zh-CN', path: '' })
    const api = (method: string, path: string, data: unknown) =>
      page.request.fetch(`${app.url}${path}`, { method, data, headers: { 'x-kehu-request': '1', origin: app.url } })
    const role = { code: 'auditor', name: '审计员', permissions: ['tenant:read', 'audit:read', 'code-rule:read'] }
    expect((await api('POST', '/api/t/demo/roles', role)).ok()).toBe(true)
    expect((await api('POST', '/api/users', { login: 'shen', displayName: '沈审计', password: PASSWORD })).ok()).toBe(
      true,
    )
    expect((await api('PUT', '/api/t/demo/members/shen', { roles: ['auditor'], scopes: [] })).ok()).toBe(true)
    await context.close()
    for (const [lang, width] of [
      ['zh-CN', 1280],
      ['en', 390],
    ] as const) {
      const shen = await signedIn({ width, height: 844, lang, path: '' }, 'shen', PASSWORD)
      await shen.page.getByTestId('stat-code-rules').waitFor()
      expect(await shen.page.getByTestId('stat-customers').count()).toBe(0)
      expect(await shen.page.locator('.ant-alert-error').count()).toBe(0)
      await noSideways(shen.page)
      await screenshot(shen.page, `dashboard-no-customer-read-${lang}-${width}`)
      await shen.context.close()
    }
  }, 120_000)
})
