import { describe, expect, it } from 'vitest'
import { resolveSettings } from './settings.js'

describe('settings', () => {
  it('takes extra host names from --allowed-host (repeated) or KEHU_ALLOWED_HOSTS (commas)', () => {
    expect(resolveSettings({}, {}).allowedHosts).toEqual([])
    expect(resolveSettings({}, { KEHU_ALLOWED_HOSTS: 'kehu.lan, crm.example.com,' }).allowedHosts).toEqual([
      'kehu.lan',
      'crm.example.com',
    ])
    const flags = resolveSettings({ allowedHost: ['a.lan', 'b.lan'] }, { KEHU_ALLOWED_HOSTS: 'ignored' })
    expect(flags.allowedHosts).toEqual(['a.lan', 'b.lan'])
  })
})
