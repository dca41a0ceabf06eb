import { reactive } from 'vue'

// An in-app confirmation (never window.confirm, which a webview may block)
// and a short status line. Both are shown by App.vue.

interface ConfirmState {
  open: boolean
  text: string
  confirmLabel: string
  danger: boolean
  resolve: ((ok: boolean) => void) | null
}

export const confirmState = reactive<ConfirmState>({ open: false, text: '', confirmLabel: '', danger: false, resolve: null })

export function confirm(text: string, confirmLabel: string, danger = false): Promise<boolean> {
  confirmState.resolve?.(false)
  return new Promise((resolve) => {
    Object.assign(confirmState, { open: true, text, confirmLabel, danger, resolve })
  })
}

export function answerConfirm(ok: boolean) {
  const r = confirmState.resolve
  Object.assign(confirmState, { open: false, resolve: null })
  r?.(ok)
}

export const notice = reactive({ text: '', serial: 0 })
let timer: ReturnType<typeof setTimeout> | undefined

export function notify(text: string) {
  notice.text = text
  notice.serial++
  clearTimeout(timer)
  timer = setTimeout(() => (notice.text = ''), 4000)
}
