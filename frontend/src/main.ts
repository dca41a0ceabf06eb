import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router, sections } from './router'
import { useSystem } from './stores/system'
import { prefetchPeople } from './lib/api'
import { installExternalLinkGuard } from './lib/externalLinks'
import { installCallGuard } from './lib/callGuard'
import { BrowserOpenURL } from '../wailsjs/runtime/runtime'
import './style.css'

// Before the first call: every call to the Go side settles (see callGuard).
installCallGuard(window as Parameters<typeof installCallGuard>[0])

// Ask the Go side how it started before the first route is chosen, so the
// app opens straight on the requested section (--section) without first
// rendering the overview.
async function boot() {
  document.documentElement.lang = i18n.global.locale.value
  installExternalLinkGuard(document, BrowserOpenURL)
  const pinia = createPinia()
  const app = createApp(App).use(pinia).use(i18n)
  const system = useSystem(pinia)
  await system.load()
  const start = system.status?.ready ? system.status.startSection : ''
  if (start && (sections as readonly string[]).includes(start) && !location.hash.replace(/^#\/?/, '')) {
    location.hash = '#/' + start
  }
  if (system.status?.ready && location.hash === '#/personen') prefetchPeople()
  app.use(router)
  await router.isReady()
  app.mount('#app')
}

void boot()
