import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en'
import { zhCN } from './zh-CN'

export const languages = ['zh-CN', 'en'] as const
export type Language = (typeof languages)[number]

const storageKey = 'kehu.language'
export const defaultLanguage: Language = 'zh-CN'

export const isLanguage = (v: unknown): v is Language => languages.includes(v as Language)

/** The stored choice, else zh-CN (the product's default, whatever the browser says). */
function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(storageKey)
    return isLanguage(v) ? v : defaultLanguage
  } catch {
    return defaultLanguage
  }
}

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const

/** The language the UI currently speaks; the API client sends it as Accept-Language. */
export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : defaultLanguage)

function applySideEffects(lang: Language) {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn')
  document.documentElement.lang = lang
  document.title = lang === 'en' ? 'kehu 客户' : '客户 kehu'
}

/** Switches the UI language and remembers the choice in this browser. */
export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, lang)
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  await i18n.changeLanguage(lang)
}

i18n.on('languageChanged', (lng) => applySideEffects(isLanguage(lng) ? lng : defaultLanguage))

const initial = storedLanguage()
// Resources are bundled, so initialisation is synchronous: the first render is already translated.
void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  initAsync: false,
})
applySideEffects(initial)

export { i18n }
