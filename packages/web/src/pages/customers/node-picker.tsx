import { Input, TreeSelect } from 'antd'
import { useMemo } from 'react'
import { type TreeNode, useTree } from '../classes/classes-api'

export interface TreeOption {
  value: string
  title: string
  disabled?: boolean
  children?: TreeOption[]
}

/** A scheme's nodes as TreeSelect options, valued by code (or by id, which survives a recode). */
export function treeOf(nodes: TreeNode[], leafOnly: boolean, by: 'code' | 'id' = 'code'): TreeOption[] {
  const byParent = new Map<string | null, TreeNode[]>()
  for (const n of nodes) byParent.set(n.parentCode, [...(byParent.get(n.parentCode) ?? []), n])
  const build = (parent: string | null): TreeOption[] =>
    (byParent.get(parent) ?? []).map((n) => {
      const children = build(n.code)
      return {
        value: n[by],
        title: `(${n.code}) ${n.name}`,
        ...(leafOnly && children.length > 0 ? { disabled: true } : {}),
        ...(children.length > 0 ? { children } : {}),
      }
    })
  return build(null)
}

interface Props {
  tenant: string
  scheme: string
  /** In a form: only leaves where the scheme says so. In a filter: any node (it means its subtree). */
  mode: 'assign' | 'filter'
  value?: string | null
  onChange?: (v: string | null) => void
  placeholder?: string
  testId?: string
}

/** A node of one scheme by its code, picked from the tree; a plain code input while the tree is unavailable. */
export function NodePicker({ tenant, scheme, mode, value, onChange, placeholder, testId }: Props) {
  const tree = useTree(tenant, scheme)
  const data = useMemo(
    () => (tree.data ? treeOf(tree.data.nodes, mode === 'assign' && tree.data.scheme.leafOnly) : null),
    [tree.data, mode],
  )
  if (!data)
    return (
      <Input
        value={value ?? ''}
        onChange={(e) => onChange?.(e.target.value.trim() || null)}
        placeholder={placeholder}
        data-testid={testId}
        allowClear
      />
    )
  return (
    <TreeSelect
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={data}
      showSearch
      treeNodeFilterProp="title"
      allowClear
      treeDefaultExpandAll
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 180 }}
      data-testid={testId}
    />
  )
}
