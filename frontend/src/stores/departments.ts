import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, type Department } from '../lib/api'

// Departments are few and used by several views (filters, person form).
export const useDepartments = defineStore('departments', () => {
  const all = ref<Department[]>([])
  const active = computed(() => all.value.filter((d) => !d.archived))

  async function load() {
    all.value = await api.departments.List(true)
  }
  return { all, active, load }
})
