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

  it('takes the upload limit in megabytes from --max-upload or KEHU_MAX_UPLOAD, 256 by default', () => {
    expect(resolveSettings({}, {}).maxUploadMb).toBe(256)
    expect(resolveSettings({}, { KEHU_MAX_UPLOAD: '20' }).maxUploadMb).toBe(20)
    expect(resolveSettings({ maxUpload: '0.5' }, { KEHU_MAX_UPLOAD: '20' }).maxUploadMb).toBe(0.5)
  })
})
