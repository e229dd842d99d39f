import {
  Checkbox,
  DatePicker,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { type Attribute, useCustomerForm } from '../pages/dimensions/dimensions-api'
import { ApiErrorAlert } from './api-error-alert'

interface Props {
  tenant: string
  /** The customer's classes: node code per scheme code (`class`, `region`, …). */
  classes: Record<string, string | undefined>
  /** The customer form; values live under `['attributes', CODE]`, where the server's issues land too. */
  form: FormInstance
}

/** Date values are kept as `YYYY-MM-DD` strings in the form, shown through a DatePicker. */
export const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (v: Dayjs | null) => (v ? v.format('YYYY-MM-DD') : null),
}

/** The input of one attribute's value, by its type. */
export function attributeInput(a: Attribute) {
  const enabled = a.options.filter((o) => o.enabled).map((o) => ({ value: o.code, label: o.label }))
  switch (a.type) {
    case 'number':
      return <InputNumber stringMode precision={a.precision} style={{ width: '100%' }} />
    case 'date':
      return <DatePicker style={{ width: '100%' }} />
    case 'boolean':
      return <Checkbox />
    case 'single-choice':
      return <Select allowClear options={enabled} />
    case 'multi-choice':
      return <Select mode="multiple" allowClear options={enabled} />
    case 'reference':
      return <Input placeholder={a.referenceScheme} />
    default:
      return <Input maxLength={a.constraints.maxLength} />
  }
}

/**
 * The antd Form.Items of the attributes that apply to a customer with these classes (from
 * `GET /customer-form`), one input per type, grouped by dimension. The server checks the values;
 * its issues at `['attributes', CODE]` land on these fields through `applyIssuesToForm`.
 */
export function AttributeFields({ tenant, classes, form }: Props) {
  const { t } = useTranslation()
  const sections = useCustomerForm(tenant, classes)
  if (sections.isError) return <ApiErrorAlert error={sections.error} onRetry={() => void sections.refetch()} />
  if (sections.isPending) return <Skeleton active paragraph={{ rows: 2 }} />
  if (sections.data.length === 0) return <Typography.Text type="secondary">{t('dimensions.formEmpty')}</Typography.Text>
  return (
    <div data-testid="attribute-fields">
      {sections.data.map((s) => (
        <div key={s.code}>
          <Divider orientation="left" plain>
            {s.name}
          </Divider>
          {s.attributes.map((a) => (
            <Form.Item
              key={a.code}
              name={['attributes', a.code]}
              label={a.name}
              required={a.required}
              initialValue={
                form.getFieldValue(['attributes', a.code]) ??
                (a.defaultValue === null || a.defaultValue === undefined ? undefined : a.defaultValue)
              }
              {...(a.type === 'boolean' ? { valuePropName: 'checked' } : {})}
              {...(a.type === 'date' ? dateProps : {})}
            >
              {attributeInput(a)}
            </Form.Item>
          ))}
        </div>
      ))}
    </div>
  )
}
