import { ref } from 'vue'
import { toAppError } from './errors'
import { errorText } from '../i18n'

// What a document button shows after saving: where the file went and a line
// such as „Abschlussbestätigung JA-2027-0042 ausgestellt.“ (may be empty).
export interface Saved {
  path: string
  text: string
}

// useSaveAction is the state of a button that saves a document through the
// Go side: busy while it runs, the German message when it failed, and what
// was saved. run returns the result, or null when it failed; a cancelled
// save dialog (no path) leaves the last saved file shown.
export function useSaveAction() {
  const busy = ref(false)
  const error = ref('')
  const saved = ref<Saved | null>(null)
  async function run<R extends { path: string }>(f: () => Promise<R>, text: (r: R) => string = () => ''): Promise<R | null> {
    busy.value = true
    error.value = ''
    try {
      const r = await f()
      if (r.path) saved.value = { path: r.path, text: text(r) }
      return r
    } catch (err) {
      error.value = errorText(toAppError(err))
      return null
    } finally {
      busy.value = false
    }
  }
  return { busy, error, saved, run }
}
