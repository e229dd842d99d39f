import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { changeLanguage, isLanguage, type Language, languages } from '../i18n/i18n'

/** 中文 / English; the choice is remembered in this browser. */
export function LanguageSwitch({ size }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation()
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('header.language')}
      value={isLanguage(i18n.language) ? i18n.language : 'zh-CN'}
      options={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      onChange={(l) => void changeLanguage(l)}
    />
  )
}
