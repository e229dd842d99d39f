import { z } from 'zod'
import { Filter } from '../filter/filter.js'
import { AttributeCode } from './attribute-def.js'

/** 管理维度: a named group of attributes, for all customers or those matching `appliesTo`. */
export const DimensionType = z.strictObject({
  id: z.string(),
  code: AttributeCode,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000),
  enabled: z.boolean(),
  /** null: every customer; typically `{ any: [{ field: 'class', op: 'under', value: '01' }] }`. */
  appliesTo: Filter.nullable(),
  position: z.int(),
})
export type DimensionType = z.infer<typeof DimensionType>

export const CreateDimensionInput = z.strictObject({
  code: AttributeCode,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
  enabled: z.boolean().default(true),
  appliesTo: Filter.nullable().default(null),
  position: z.int().optional(),
})
export type CreateDimensionInput = z.infer<typeof CreateDimensionInput>

export const UpdateDimensionInput = z
  .strictObject({
    code: AttributeCode,
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000),
    enabled: z.boolean(),
    appliesTo: Filter.nullable(),
    position: z.int(),
  })
  .partial()
export type UpdateDimensionInput = z.infer<typeof UpdateDimensionInput>
