import { DownloadOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import {
  Alert,
  Upload as AntUpload,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Grid,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Steps,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { areaUrl } from '../../areas'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { JobProgress } from '../../components/job-progress'
import { useTenant } from '../../components/tenant-context'
import { isOpenJob, type Job, useJob } from '../../components/use-job'
import { currentLanguage } from '../../i18n/i18n'
import {
  getMapping,
  type ImportOptions,
  type ImportPreview,
  type ImportResult,
  type MappedColumn,
  previewImport,
  saveMapping,
  startImport,
  templateUrl,
  type Upload,
  uploadFile,
} from './import-api'
import { ImportReport } from './import-report'
import { doubledTargets, MappingTable } from './mapping-table'

type Step = 'file' | 'mapping' | 'check' | 'import'
const STEPS: Step[] = ['file', 'mapping', 'check', 'import']
type Encoding = NonNullable<ImportOptions['encoding']>
type Choices = Pick<ImportOptions, 'mode' | 'key' | 'allOrNothing'>

/** Header text compared as people write it: a saved matching fits a file whose headers differ only in case or spaces. */
const headerKey = (h: string) => h.normalize('NFKC').replace(/\s+/g, '').toLowerCase()

/**
 * 导入导出 → 导入客户: upload a file, match its columns to fields (suggested, or a saved matching), choose how to
 * import, check it without writing (a dry-run job), then import it (a job, with live progress) and download the
 * wrong rows to correct and import again.
 */
export function TransferPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant().code
  const narrow = !Grid.useBreakpoint().md
  const [step, setStep] = useState<Step>('file')
  const [upload, setUpload] = useState<Upload | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [encoding, setEncoding] = useState<Encoding>('auto')
  const [columns, setColumns] = useState<MappedColumn[]>([])
  const [choices, setChoices] = useState<Choices>({
    mode: 'insert',
    key: 'code',
    allOrNothing: false,
  })
  const [mappingName, setMappingName] = useState('')
  // The job a route answered shows at once; useJob follows it from there.
  const [checkJob, setCheckJob] = useState<Job>()
  const [importJob, setImportJob] = useState<Job>()
  const check = useJob(tenant, checkJob?.id, checkJob)
  const run = useJob(tenant, importJob?.id, importJob)

  const read = useMutation({
    mutationFn: async (input: { file?: File; sheet?: string; encoding?: Encoding }) => {
      const up = input.file ? await uploadFile(tenant, input.file) : upload
      if (!up) throw new Error('no upload')
      const p = await previewImport(tenant, {
        uploadId: up.id,
        ...(input.sheet ? { sheet: input.sheet } : {}),
        ...(input.encoding && input.encoding !== 'auto' ? { encoding: input.encoding } : {}),
      })
      return { up, p }
    },
    onSuccess: ({ up, p }) => {
      setUpload(up)
      setPreview(p)
      setColumns(p.suggestedMapping.columns)
      setStep('mapping')
    },
  })
  const options = (dryRun: boolean): ImportOptions => ({
    uploadId: upload?.id ?? '',
    ...(preview?.sheet ? { sheet: preview.sheet } : {}),
    ...(encoding !== 'auto' ? { encoding } : {}),
    mapping: { columns },
    ...choices,
    ...(choices.mode === 'insert' ? { key: undefined } : {}),
    dryRun,
  })
  const start = useMutation({
    mutationFn: (dryRun: boolean) => startImport(tenant, options(dryRun)),
    onSuccess: (job, dryRun) => {
      if (dryRun) {
        setCheckJob(job)
        setStep('check')
      } else {
        setImportJob(job)
        setStep('import')
      }
    },
  })
  const loadMapping = useMutation({
    mutationFn: (name: string) => getMapping(tenant, name),
    onSuccess: (saved, name) => {
      const byHeader = new Map(saved.columns.map((c) => [headerKey(c.header), c.target]))
      setColumns((cs) => cs.map((c) => ({ ...c, target: byHeader.get(headerKey(c.header)) ?? null })))
      message.success(t('transfer.mappingApplied', { name }))
    },
  })
  const storeMapping = useMutation({
    mutationFn: (name: string) => saveMapping(tenant, name, { columns }),
    onSuccess: (_, name) => {
      message.success(t('transfer.mappingSaved', { name }))
      setPreview((p) =>
        p && !p.savedMappings.includes(name) ? { ...p, savedMappings: [...p.savedMappings, name] } : p,
      )
    },
  })
  const restart = () => {
    setStep('file')
    setUpload(null)
    setPreview(null)
    setCheckJob(undefined)
    setImportJob(undefined)
    setEncoding('auto')
  }

  const twice = doubledTargets(columns)
  const targetLabel = (target: string) => preview?.targets.find((x) => x.target === target)?.label ?? target
  const keyMapped = columns.some((c) => c.target === (choices.mode === 'insert' ? 'name' : choices.key))
  const lang = currentLanguage()

  const fileStep = (
    <Flex vertical gap={16}>
      {/* antd hands data-* props of the Dragger to its hidden input; the test id marks the whole drop zone */}
      <div data-testid="import-file">
        <AntUpload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={read.isPending}
          beforeUpload={(file) => {
            read.mutate({ file })
            return false
          }}
        >
          {read.isPending ? (
            <Spin tip={t('transfer.uploading', { name: read.variables?.file?.name ?? '' })}>
              <div style={{ height: 80 }} />
            </Spin>
          ) : (
            <>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('transfer.drop')}</p>
              <p className="ant-upload-hint">{t('transfer.dropHint')}</p>
            </>
          )}
        </AntUpload.Dragger>
      </div>
      {read.isError && <ApiErrorAlert error={read.error} />}
      <Space wrap>
        <Typography.Text type="secondary">{t('transfer.template')}</Typography.Text>
        <Button size="small" icon={<DownloadOutlined />} href={templateUrl(tenant, 'xlsx', lang)} download>
          {t('transfer.templateXlsx')}
        </Button>
        <Button size="small" icon={<DownloadOutlined />} href={templateUrl(tenant, 'csv', lang)} download>
          {t('transfer.templateCsv')}
        </Button>
      </Space>
    </Flex>
  )

  const mappingStep = preview && (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Typography.Text>
          {t('transfer.file')}
          {t('audit.colon')}
          <Typography.Text strong data-testid="import-file-name">
            {upload?.name}
          </Typography.Text>
        </Typography.Text>
        {preview.sheets && preview.sheets.length > 1 && (
          <Select
            style={{ minWidth: 160 }}
            value={preview.sheet}
            onChange={(sheet: string) => read.mutate({ sheet, encoding })}
            options={preview.sheets.map((s) => ({ value: s, label: s }))}
            prefix={`${t('transfer.sheet')}：`}
            data-testid="import-sheet"
          />
        )}
        {preview.format === 'csv' && (
          <Select<Encoding>
            style={{ minWidth: 180 }}
            value={encoding}
            onChange={(e) => {
              setEncoding(e)
              read.mutate({ encoding: e })
            }}
            options={(['auto', 'utf-8', 'gb18030'] as const).map((e) => ({
              value: e,
              label: `${t('transfer.encoding')}：${t(`transfer.encodings.${e}`)}${e === 'auto' && preview.encoding ? ` (${preview.encoding})` : ''}`,
            }))}
            data-testid="import-encoding"
          />
        )}
      </Flex>
      {read.isError && <ApiErrorAlert error={read.error} />}
      <Flex gap={8} wrap>
        {preview.savedMappings.length > 0 && (
          <Select
            style={{ minWidth: narrow ? '100%' : 220 }}
            placeholder={t('transfer.savedMappings')}
            options={preview.savedMappings.map((n) => ({ value: n, label: n }))}
            onChange={(n: string) => loadMapping.mutate(n)}
            value={null}
            data-testid="import-saved-mappings"
          />
        )}
        <Space.Compact style={narrow ? { width: '100%' } : undefined}>
          <Input
            placeholder={t('transfer.mappingName')}
            value={mappingName}
            maxLength={100}
            onChange={(e) => setMappingName(e.target.value)}
            data-testid="import-mapping-name"
          />
          <Button
            icon={<SaveOutlined />}
            disabled={!mappingName.trim()}
            loading={storeMapping.isPending}
            onClick={() => storeMapping.mutate(mappingName.trim())}
            data-testid="import-mapping-save"
          >
            {t('transfer.saveMapping')}
          </Button>
        </Space.Compact>
      </Flex>
      {(loadMapping.isError || storeMapping.isError) && (
        <ApiErrorAlert error={loadMapping.error ?? storeMapping.error} />
      )}
      <MappingTable
        preview={preview}
        columns={columns}
        onChange={(index, target) => setColumns((cs) => cs.map((c) => (c.index === index ? { ...c, target } : c)))}
      />
      {twice.map((x) => (
        <Alert key={x} type="error" showIcon message={t('transfer.targetTwice', { label: targetLabel(x) })} />
      ))}
      <Card size="small" title={t('transfer.options')}>
        <Flex vertical gap={12}>
          <Radio.Group
            value={choices.mode}
            onChange={(e) => setChoices((c) => ({ ...c, mode: e.target.value }))}
            optionType="button"
            options={(['insert', 'update', 'upsert'] as const).map((m) => ({
              value: m,
              label: t(`transfer.modes.${m}`),
            }))}
            data-testid="import-mode"
          />
          {choices.mode !== 'insert' && (
            <Flex gap={8} align="center" wrap>
              <Typography.Text>{t('transfer.key')}</Typography.Text>
              <Select
                style={{ minWidth: 200 }}
                value={choices.key}
                onChange={(key: Choices['key']) => setChoices((c) => ({ ...c, key }))}
                options={(['code', 'uscc', 'name'] as const).map((k) => ({ value: k, label: t(`transfer.keys.${k}`) }))}
                data-testid="import-key"
              />
            </Flex>
          )}
          <Checkbox
            checked={choices.allOrNothing ?? false}
            onChange={(e) => setChoices((c) => ({ ...c, allOrNothing: e.target.checked }))}
            data-testid="import-all-or-nothing"
          >
            {t('transfer.allOrNothing')}
          </Checkbox>
        </Flex>
      </Card>
      {!keyMapped && <Alert type="warning" showIcon message={t('transfer.noName')} />}
      {start.isError && <ApiErrorAlert error={start.error} />}
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={restart}>{t('transfer.back')}</Button>
        <Button
          type="primary"
          disabled={twice.length > 0 || !keyMapped}
          loading={start.isPending}
          onClick={() => start.mutate(true)}
          data-testid="import-check"
        >
          {t('transfer.check')}
        </Button>
      </Flex>
    </Flex>
  )

  const checked = check.job?.status === 'done' ? (check.job.result as ImportResult) : undefined
  const good = checked ? checked.inserted + checked.updated + checked.unchanged : 0
  const blocked = Boolean(checked && choices.allOrNothing && checked.bad > 0)
  const checkStep = (
    <Flex vertical gap={16}>
      {check.error && <ApiErrorAlert error={check.error} />}
      {check.job && !checked && <JobProgress job={check.job} />}
      {check.job && checked && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('transfer.report')}
          </Typography.Title>
          <ImportReport tenant={tenant} job={check.job} result={checked} />
          {blocked && <Alert type="warning" showIcon message={t('transfer.badBlocks')} />}
        </>
      )}
      {start.isError && <ApiErrorAlert error={start.error} />}
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={() => setStep('mapping')} data-testid="import-back">
          {t('transfer.back')}
        </Button>
        {checked && (
          <Button
            type="primary"
            disabled={blocked || good === 0}
            loading={start.isPending}
            onClick={() => start.mutate(false)}
            data-testid="import-commit"
          >
            {checked.bad > 0 ? t('transfer.commitWithBad', { count: good }) : t('transfer.commit')}
          </Button>
        )}
      </Flex>
    </Flex>
  )

  const done = run.job?.status === 'done' ? (run.job.result as ImportResult) : undefined
  const importStep = (
    <Flex vertical gap={16}>
      {run.error && <ApiErrorAlert error={run.error} />}
      {run.job && !done && (
        <JobProgress job={run.job} onCancel={() => run.cancel.mutate()} cancelling={run.cancel.isPending} />
      )}
      {run.cancel.isError && <ApiErrorAlert error={run.cancel.error} />}
      {run.job && done && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('transfer.result')}
          </Typography.Title>
          <ImportReport tenant={tenant} job={run.job} result={done} />
        </>
      )}
      {run.job && !isOpenJob(run.job) && (
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={restart} data-testid="import-restart">
            {t('transfer.restart')}
          </Button>
          <Link to={areaUrl(tenant, 'customers')}>
            <Button type="primary">{t('transfer.toCustomers')}</Button>
          </Link>
        </Flex>
      )}
    </Flex>
  )

  return (
    <Flex vertical gap={16} data-testid="import-wizard">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('transfer.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('transfer.intro')}</Typography.Text>
      </Flex>
      <Steps
        size="small"
        direction="horizontal"
        responsive={false}
        current={STEPS.indexOf(step)}
        items={STEPS.map((s) => ({ title: narrow && s !== step ? '' : t(`transfer.steps.${s}`) }))}
      />
      {step === 'file' ? fileStep : step === 'mapping' ? mappingStep : step === 'check' ? checkStep : importStep}
    </Flex>
  )
}
