import { shortNameOf } from '../text/company-name-key.js'
import { buildMnemonic } from '../text/pinyin.js'

/** A customer's automatic 助记码: from the short name when there is one, else from the name's 简称 (shortNameOf). */
export function customerMnemonic(shortName: string | null | undefined, name: string): string {
  return buildMnemonic(shortName || shortNameOf(name))
}
