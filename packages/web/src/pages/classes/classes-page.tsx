import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Col, Drawer, Empty, Flex, Grid, Row, Skeleton, Space, Tabs, Tag, Tree, Typography } from 'antd'
import type { DataNode } from 'antd/es/tree'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useCan } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { type Scheme, type TreeNode, useSchemes, useTree } from './classes-api'
import { NodeActions } from './node-actions'
import { RulesPanel } from './rules-panel'
import { SchemeModal } from './scheme-modal'

/** 分类: one tab per scheme, its level mask, the tree with `(01001) 华北大客户` titles, and the class actions. */
export function ClassesPage() {
  const { t } = useTranslation()
  const tenant = useTenant()
  const can = useCan()
  const schemes = useSchemes(tenant.code)
  const [params, setParams] = useSearchParams()
  const [creating, setCreating] = useState(false)
  const active =
    params.get('scheme') ?? schemes.data?.find((s) => s.code === 'class')?.code ?? schemes.data?.[0]?.code ?? 'class'

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('classes.title')}
      </Typography.Title>
      {schemes.isError ? (
        <ApiErrorAlert error={schemes.error} onRetry={() => void schemes.refetch()} />
      ) : schemes.isPending ? (
        <Skeleton active />
      ) : (
        <Tabs
          activeKey={active}
          onChange={(k) => setParams({ scheme: k })}
          items={schemes.data.map((s) => ({
            key: s.code,
            label: <span data-testid={`scheme-tab-${s.code}`}>{s.name}</span>,
          }))}
          tabBarExtraContent={
            can('class:edit') && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-scheme">
                {t('classes.newScheme')}
              </Button>
            )
          }
        />
      )}
      {schemes.data && <SchemeView key={active} scheme={active} />}
      {creating && (
        <SchemeModal
          onClose={(code) => {
            setCreating(false)
            if (code) setParams({ scheme: code })
          }}
        />
      )}
    </Flex>
  )
}

function buildTreeData(nodes: TreeNode[], t: (k: string, o?: Record<string, unknown>) => string): DataNode[] {
  const byParent = new Map<string | null, TreeNode[]>()
  for (const n of nodes) byParent.set(n.parentCode, [...(byParent.get(n.parentCode) ?? []), n])
  const build = (parent: string | null): DataNode[] =>
    (byParent.get(parent) ?? []).map((n) => ({
      key: n.code,
      title: (
        <Space size={4} data-testid={`node-${n.code}`}>
          <span style={n.enabled ? undefined : { color: '#999', textDecoration: 'line-through' }}>{n.displayName}</span>
          {n.leaf && <Tag color="green">{t('classes.leaf')}</Tag>}
          {!n.enabled && <Tag>{t('classes.disabled')}</Tag>}
          {n.subtreeCustomerCount > 0 && (
            <Tag color="blue" data-testid="tree-count">
              {t('classes.customers', { count: n.subtreeCustomerCount })}
            </Tag>
          )}
        </Space>
      ),
      children: build(n.code),
    }))
  return build(null)
}

function SchemeView({ scheme: code }: { scheme: string }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const tree = useTree(tenant.code, code)
  const [selected, setSelected] = useState<string | null>(null)
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set())
  const [editing, setEditing] = useState(false)
  // On a phone the panel would sit below the whole tree: it opens over the tree instead, where the tap was.
  const phone = Grid.useBreakpoint().lg === false
  const data = useMemo(() => buildTreeData(tree.data?.nodes ?? [], t as never), [tree.data, t])
  if (tree.isError) return <ApiErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />
  if (tree.isPending) return <Skeleton active />
  const { scheme, nodes } = tree.data
  // A moved or merged class keeps its old code as an alias: the selection follows it.
  const node =
    nodes.find((n) => n.code === selected) ??
    (selected ? nodes.find((n) => n.aliases.includes(selected)) : undefined) ??
    null
  /** What the selected class shows: its level, counts and old codes, and what can be done with it. */
  const panel = (node: TreeNode) => (
    <Flex vertical gap={12}>
      <Space wrap>
        <Tag>{`L${node.level}`}</Tag>
        {node.leaf && <Tag color="green">{t('classes.leaf')}</Tag>}
        {!node.enabled && <Tag>{t('classes.disabled')}</Tag>}
        {/* The tree's count (with sub-classes), and this class's own where it differs. */}
        <Tag color="blue" data-testid="panel-count">
          {t('classes.customers', { count: node.subtreeCustomerCount })}
        </Tag>
        {node.customerCount !== node.subtreeCustomerCount && (
          <Typography.Text type="secondary" data-testid="panel-own-count">
            {t('classes.customersOwn', { count: node.customerCount })}
          </Typography.Text>
        )}
        {node.aliases.length > 0 && (
          <Typography.Text type="secondary" data-testid="node-aliases">
            {t('classes.aliases', { codes: node.aliases.join(', ') })}
          </Typography.Text>
        )}
      </Space>
      <NodeActions scheme={scheme} nodes={nodes} node={node} onSelect={setSelected} />
    </Flex>
  )
  const expanded = nodes.filter((n) => !n.leaf && !collapsed.has(n.code)).map((n) => n.code)
  return (
    <Flex vertical gap={16}>
      <SchemeHeader scheme={scheme} onEdit={() => setEditing(true)} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={scheme.name}
            extra={<NodeActions scheme={scheme} nodes={nodes} node={null} onSelect={setSelected} />}
          >
            {nodes.length === 0 ? (
              <Empty description={t('classes.empty')} />
            ) : (
              <Tree
                data-testid="class-tree"
                treeData={data}
                expandedKeys={expanded}
                onExpand={(keys) => {
                  const open = new Set(keys.map(String))
                  setCollapsed(new Set(nodes.filter((n) => !open.has(n.code)).map((n) => n.code)))
                }}
                selectedKeys={node ? [node.code] : []}
                // Clicking the selected class again keeps it selected: the actions stay in reach.
                onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
                blockNode
              />
            )}
          </Card>
        </Col>
        {!phone && (
          <Col xs={24} lg={12}>
            {/* The actions stay in view while a long tree scrolls (below the sticky 64 px header). */}
            <Card
              size="small"
              title={node ? node.displayName : t('classes.selectNode')}
              data-testid="node-panel"
              style={{ position: 'sticky', top: 80 }}
            >
              {node ? (
                panel(node)
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.selectNode')} />
              )}
            </Card>
          </Col>
        )}
      </Row>
      {phone && (
        <Drawer
          placement="bottom"
          open={node !== null}
          onClose={() => setSelected(null)}
          title={node?.displayName}
          height="auto"
          data-testid="node-panel"
        >
          {node && panel(node)}
        </Drawer>
      )}
      <RulesPanel scheme={scheme} nodes={nodes} />
      {editing && <SchemeModal scheme={scheme} onClose={() => setEditing(false)} />}
    </Flex>
  )
}

function SchemeHeader({ scheme, onEdit }: { scheme: Scheme; onEdit: () => void }) {
  const { t } = useTranslation()
  const can = useCan()
  return (
    <Space wrap size={16}>
      <span>
        {t('classes.levels')}:{' '}
        <Typography.Text strong data-testid="levels">
          {scheme.levels ?? t('classes.flat')}
        </Typography.Text>
      </span>
      {scheme.mask && (
        <span>
          {t('classes.mask')}:{' '}
          <Typography.Text code data-testid="level-mask" style={{ whiteSpace: 'pre' }}>
            {scheme.mask}
          </Typography.Text>
        </span>
      )}
      {scheme.leafOnly && <Tag color="gold">{t('classes.leafOnly')}</Tag>}
      {can('class:edit') && (
        <Button size="small" onClick={onEdit} data-testid="edit-scheme">
          {t('classes.editScheme')}
        </Button>
      )}
    </Space>
  )
}
