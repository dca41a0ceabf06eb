import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, type Status } from '../lib/api'
import { toAppError, type AppError } from '../lib/errors'

// bootStatus reads the start-up state the Go side wrote into index.html
// (app/boot.go), so the first screen needs no call across the bridge.
export function bootStatus(doc: Document = document): Status | null {
  const content = doc.querySelector('meta[name="tandem-boot"]')?.getAttribute('content')
  if (!content) return null
  try {
    const s: unknown = JSON.parse(content)
    return s && typeof s === 'object' && 'ready' in s ? (s as Status) : null
  } catch {
    return null
  }
}

// The start-up state: is the database open, where is it.
export const useSystem = defineStore('system', () => {
  const status = ref<Status | null>(null)
  const failure = ref<AppError | null>(null)

  async function load() {
    const boot = bootStatus()
    if (boot) {
      status.value = boot
      return
    }
    await refresh()
  }

  // refresh asks the Go side again, e.g. after a restore replaced the
  // database (the boot state is from the start and stays stale).
  async function refresh() {
    try {
      status.value = await api.system.Status()
      failure.value = null
    } catch (err) {
      failure.value = toAppError(err)
    }
  }
  return { status, failure, load, refresh }
})
