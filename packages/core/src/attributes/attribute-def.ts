import { z } from 'zod'
import { MAX_ATTRIBUTE_PRECISION } from './scaled-decimal.js'

/** Dimension, attribute and option codes: a letter, then letters, digits or `_`, at most 40. */
export const ATTRIBUTE_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/
export const AttributeCode = z.string().regex(ATTRIBUTE_CODE_PATTERN, {
  message: 'A code starts with a letter and has at most 40 letters, digits or underscores',
})
export type AttributeCode = z.infer<typeof AttributeCode>

export const ATTRIBUTE_TYPES = [
  'text',
  'number',
  'date',
  'boolean',
  'single-choice',
  'multi-choice',
  'reference',
] as const
export const AttributeType = z.enum(ATTRIBUTE_TYPES)
export type AttributeType = z.infer<typeof AttributeType>

/**
 * Constraints by type: `minLength`/`maxLength` count characters for text and selected options for
 * multi-choice; `min`/`max` are decimal strings for numbers and `YYYY-MM-DD` for dates; `pattern` is
 * a JavaScript regular expression (Unicode mode) the whole text must match.
 */
export const AttributeConstraints = z.strictObject({
  minLength: z.int().min(0).optional(),
  maxLength: z.int().min(0).optional(),
  pattern: z.string().min(1).max(500).optional(),
  min: z.string().max(50).optional(),
  max: z.string().max(50).optional(),
})
export type AttributeConstraints = z.infer<typeof AttributeConstraints>

/** A choice: the code is stored, the label shown. A disabled option stays valid on existing values. */
export const AttributeOption = z.strictObject({
  code: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
})
export type AttributeOption = z.infer<typeof AttributeOption>

/**
 * 维度属性. `defaultValue` is in input form (what `validateAttributes` accepts: a decimal string
 * for numbers, an option code, a node id for references) and is coerced when applied.
 */
export const AttributeDef = z.strictObject({
  id: z.string(),
  dimensionId: z.string(),
  code: AttributeCode,
  name: z.string().trim().min(1).max(100),
  type: AttributeType,
  /** Decimals of a number attribute (0–6); 0 for other types. */
  precision: z.int().min(0).max(MAX_ATTRIBUTE_PRECISION),
  required: z.boolean(),
  defaultValue: z.unknown(),
  constraints: AttributeConstraints,
  options: z.array(AttributeOption),
  /** Classification scheme code for a reference attribute. */
  referenceScheme: z.string().min(1).optional(),
  unique: z.boolean(),
  indexed: z.boolean(),
  position: z.int(),
  enabled: z.boolean(),
})
export type AttributeDef = z.infer<typeof AttributeDef>

const attributeFields = {
  name: z.string().trim().min(1).max(100),
  type: AttributeType,
  precision: z.int().min(0).max(MAX_ATTRIBUTE_PRECISION).default(0),
  required: z.boolean().default(false),
  defaultValue: z.unknown().optional(),
  constraints: AttributeConstraints.default({}),
  options: z.array(AttributeOption).default([]),
  referenceScheme: z.string().min(1).optional(),
  unique: z.boolean().default(false),
  indexed: z.boolean().default(false),
  position: z.int().optional(),
  enabled: z.boolean().default(true),
}

/** Body of "add an attribute to a dimension"; check the result with `validateAttributeDef`. */
export const CreateAttributeInput = z.strictObject({ code: AttributeCode, ...attributeFields })
export type CreateAttributeInput = z.infer<typeof CreateAttributeInput>

/** A partial edit; `code` may change only while no customer holds a value (the app checks). */
export const UpdateAttributeInput = z
  .strictObject({
    code: AttributeCode,
    name: attributeFields.name,
    type: AttributeType,
    precision: z.int().min(0).max(MAX_ATTRIBUTE_PRECISION),
    required: z.boolean(),
    defaultValue: z.unknown(),
    constraints: AttributeConstraints,
    options: z.array(AttributeOption),
    referenceScheme: z.string().min(1).nullable(),
    unique: z.boolean(),
    indexed: z.boolean(),
    position: z.int(),
    enabled: z.boolean(),
  })
  .partial()
export type UpdateAttributeInput = z.infer<typeof UpdateAttributeInput>
