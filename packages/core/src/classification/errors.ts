import { errorCatalog } from '../errors.js'

export const classificationErrors = errorCatalog({
  LEVEL_SCHEME_INVALID: {
    kind: 'invalid',
    zh: '编码方案（如 2-3-4）无效',
    en: 'A level scheme (such as 2-3-4) is not valid',
  },
  CLASS_CODE_LEVEL: {
    kind: 'invalid',
    zh: '分类编码的长度不是编码方案的某一级',
    en: "A class code's length is not one of the level scheme's levels",
  },
  CLASS_NO_DEEPER_LEVEL: {
    kind: 'invalid',
    zh: '末级分类不能再建下级',
    en: 'A class on the last level cannot have children',
  },
  CLASS_LEVEL_FULL: { kind: 'conflict', zh: '这一级已无可用编码', en: 'No free code is left on this level' },
  CLASS_FLAT_NO_PARENT: {
    kind: 'invalid',
    zh: '平面分类体系的分类不能移动',
    en: 'Classes of a flat scheme cannot be moved',
  },
  CLASS_CODE_TAKEN: {
    kind: 'conflict',
    zh: '分类编码已被占用（含旧编码）',
    en: 'A class code is taken (aliases included)',
  },
  CLASS_MERGE_REFUSED: { kind: 'conflict', zh: '这两个分类不能合并', en: 'The two classes cannot be merged' },
  CLASS_HAS_CHILDREN: {
    kind: 'conflict',
    zh: '分类还有下级，不能删除',
    en: 'The class has children and cannot be deleted',
  },
  CLASS_HAS_CUSTOMERS: {
    kind: 'conflict',
    zh: '分类下还有客户，不能删除',
    en: 'The class holds customers and cannot be deleted',
  },
  CLASS_NOT_FOUND: { kind: 'not-found', zh: '分类不存在', en: 'No such class' },
  CLASS_MOVE_INVALID: { kind: 'invalid', zh: '分类无法移动到那里', en: 'The class cannot be moved there' },
  CLASS_DISABLED: {
    kind: 'invalid',
    zh: '客户不能归入已停用的分类（或其下级）',
    en: 'Customers cannot be put on a disabled class or below one',
  },
  CLASS_NOT_LEAF: {
    kind: 'invalid',
    zh: '此分类体系只允许客户归入末级分类',
    en: 'This scheme puts customers on leaf classes only',
  },
})
