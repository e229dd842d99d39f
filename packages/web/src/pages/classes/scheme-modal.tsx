import { Form, Input, Modal, Switch } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ApiIssue, isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { type Scheme, useClassCall } from './classes-api'

interface Values {
  code?: string
  name: string
  levels?: string
  leafOnly?: boolean
}

/** Creates a user-defined scheme, or changes one (name; levels: used ones refused, unused ones may widen). */
export function SchemeModal({ scheme, onClose }: { scheme?: Scheme; onClose: (created?: string) => void }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<unknown>()
  const [rest, setRest] = useState<ApiIssue[]>()
  const call = useClassCall<Values, { code: string }>(tenant.code, (v) =>
    scheme
      ? {
          path: `/schemes/${encodeURIComponent(scheme.code)}`,
          method: 'PATCH',
          body: { name: v.name, ...(scheme.levels !== null || v.levels ? { levels: v.levels ?? '' } : {}) },
        }
      : { path: '/schemes', method: 'POST', body: { ...v, levels: v.levels?.trim() || null } },
  )
  return (
    <Modal
      open
      title={scheme ? `${t('classes.editScheme')} · ${scheme.name}` : t('classes.newScheme')}
      okText={t('classes.save')}
      cancelText={t('classes.cancel')}
      confirmLoading={call.isPending}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="scheme-form"
        initialValues={scheme ? { name: scheme.name, levels: scheme.levels ?? '' } : { leafOnly: true }}
        onFinish={(v) =>
          call.mutate(v, {
            onSuccess: (r) => onClose(scheme ? undefined : r.code),
            onError: (e) => {
              setError(e)
              setRest(isApiError(e) ? applyIssuesToForm(form, e) : undefined)
            },
          })
        }
      >
        {!scheme && (
          <Form.Item name="code" label={t('classes.schemeCode')}>
            <Input data-testid="scheme-code" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('classes.schemeName')}>
          <Input data-testid="scheme-name" />
        </Form.Item>
        <Form.Item name="levels" label={t('classes.schemeLevels')}>
          <Input data-testid="scheme-levels" placeholder="2-3-4" />
        </Form.Item>
        {!scheme && (
          <Form.Item name="leafOnly" label={t('classes.leafOnly')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
      {error !== undefined && <ApiErrorAlert error={error} issues={rest} />}
    </Modal>
  )
}
