import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, type Status } from '../lib/api'
import { toAppError, type AppError } from '../lib/errors'

// The start-up state: is the database open, where is it.
export const useSystem = defineStore('system', () => {
  const status = ref<Status | null>(null)
  const failure = ref<AppError | null>(null)

  async function load() {
    try {
      status.value = await api.system.Status()
    } catch (err) {
      failure.value = toAppError(err)
    }
  }
  return { status, failure, load }
})
