import { computed, reactive, watch } from 'vue'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { i18n } from '../i18n'
import { confirm } from './ui'

// Text typed but not yet saved (note edits waiting for their autosave).
// The Go side is told whenever there starts or stops being any, so that
// closing the window can ask first ('app:confirm-close').

const pending = reactive(new Set<string>())

export const unsavedCount = computed(() => pending.size)

export function markPending(key: string) {
  pending.add(key)
}

export function markSaved(key: string) {
  pending.delete(key)
}

interface SystemBridge {
  SetUnsavedChanges?: (b: boolean) => unknown
  ConfirmClose?: () => unknown
}

function system(): SystemBridge | undefined {
  return (window as unknown as { go?: { app?: { SystemService?: SystemBridge } } }).go?.app?.SystemService
}

// call runs a Go method that may not exist (yet): nothing breaks without it.
function call(f: (s: SystemBridge) => unknown) {
  try {
    const s = system()
    if (!s) return
    const r = f(s)
    if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => undefined)
  } catch {
    // no bridge (unit tests) or no such method
  }
}

watch(
  () => pending.size > 0,
  (dirty) => call((s) => s.SetUnsavedChanges?.(dirty)),
)

let listening = false

// listenForClose answers the Go side's question before the window closes.
export function listenForClose() {
  if (listening) return
  listening = true
  try {
    EventsOn('app:confirm-close', async () => {
      const g = i18n.global
      if (await confirm(g.t('sessions.confirmClose'), g.t('common.close'), true)) call((s) => s.ConfirmClose?.())
    })
  } catch {
    // no runtime (unit tests)
  }
}
