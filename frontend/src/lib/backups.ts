import { reactive } from 'vue'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { api } from './api'
import type { AppError } from './errors'

// The warning banner of failed automatic backups (issue 6). The Go side
// emits "backup:auto-failed"; a failure before the UI listened is read
// once from the backup list a little after start.
export const backupWarning = reactive<{ error: AppError | null }>({ error: null })

let watching = false

export function watchBackups() {
  if (watching) return
  watching = true
  try {
    EventsOn('backup:auto-failed', (e: AppError) => {
      backupWarning.error = e
    })
  } catch {
    // no runtime (unit tests)
  }
  setTimeout(async () => {
    try {
      const l = await api.backups.List()
      if (l.autoError && !backupWarning.error) backupWarning.error = l.autoError as AppError
    } catch {
      // the database problem is shown elsewhere
    }
  }, 3000)
}
