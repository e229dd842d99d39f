import { Form, Input, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { useTenant } from '../../components/tenant-context'
import { createScheme, type Scheme, updateScheme, useClassCall } from './classes-api'
import { FormDialog } from './form-dialog'

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
  const call = useClassCall(tenant.code, (v: Values) =>
    scheme
      ? updateScheme(tenant.code, scheme.code, {
          name: v.name,
          ...(scheme.levels !== null || v.levels ? { levels: v.levels ?? '' } : {}),
        })
      : // The form requires a code for a new scheme.
        createScheme(tenant.code, { ...v, code: v.code ?? '', levels: v.levels?.trim() || null }),
  )
  return (
    <FormDialog
      title={scheme ? `${t('classes.editScheme')} · ${scheme.name}` : t('classes.newScheme')}
      form={form}
      initialValues={scheme ? { name: scheme.name, levels: scheme.levels ?? '' } : { leafOnly: true }}
      pending={call.isPending}
      onClose={() => onClose()}
      testId="scheme-form"
      onFinish={(v, fail) => call.mutate(v, { onSuccess: (r) => onClose(scheme ? undefined : r.code), onError: fail })}
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
    </FormDialog>
  )
}
