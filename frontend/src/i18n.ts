import { createI18n } from 'vue-i18n'
import de from './locales/de.json'
import en from './locales/en.json'
import type { AppError } from './lib/errors'

export type Locale = 'de' | 'en'

// Only the chosen language is kept in localStorage: never personal data.
const storageKey = 'tandem.locale'

function initialLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'de'
  } catch {
    return 'de'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'de',
  messages: { de, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  document.documentElement.lang = l
  try {
    localStorage.setItem(storageKey, l)
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
}

// errorText shows an AppError in the UI language. The German message comes
// ready from Go; other languages translate by key when they can.
export function errorText(e: AppError): string {
  const g = i18n.global
  if (g.locale.value === 'de') return e.message
  const key = `errors.${e.key}`
  if (!g.te(key)) return e.message
  const field = e.field && g.te(`person.${e.field}`) ? g.t(`person.${e.field}`) : e.field && g.te(`settings.${e.field}`) ? g.t(`settings.${e.field}`) : e.field
  return g.t(key, { ...e.params, field })
}
