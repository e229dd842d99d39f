import { errorCatalog } from '@kehu/core'

export const uploadErrors = errorCatalog({
  UPLOAD_NOT_FOUND: { kind: 'not-found', zh: '上传的文件不存在或已过期', en: 'No such upload (or it has expired)' },
  UPLOAD_BODY_INVALID: {
    kind: 'invalid',
    zh: '上传的文件须以 application/octet-stream 发送',
    en: 'An upload must be sent as application/octet-stream',
  },
  UPLOAD_TOO_LARGE: { kind: 'too-large', zh: '上传的文件超过大小上限', en: 'The upload is over the size limit' },
})

declare module '@kehu/core' {
  interface ErrorCatalogs {
    uploads: typeof uploadErrors
  }
}
