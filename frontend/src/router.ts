import { createRouter, createWebHashHistory } from 'vue-router'
import OverviewView from './views/OverviewView.vue'
import PeopleView from './views/PeopleView.vue'

// Sections other than the two first screens load on first visit, so the
// start of the app does not parse code it may never need.
const ProgrammesView = () => import('./views/ProgrammesView.vue')
const TandemsView = () => import('./views/TandemsView.vue')
const SettingsView = () => import('./views/SettingsView.vue')
const SessionsView = () => import('./views/SessionsView.vue')
const GroupsView = () => import('./views/GroupsView.vue')
const DocumentsView = () => import('./views/DocumentsView.vue')

// The sections of the product, in the order of the navigation.
export const sections = ['uebersicht', 'personen', 'programme', 'tandems', 'gespraeche', 'gruppen', 'dokumente', 'einstellungen'] as const
export type Section = (typeof sections)[number]

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/uebersicht' },
    { path: '/uebersicht', component: OverviewView },
    { path: '/personen', component: PeopleView },
    { path: '/programme', component: ProgrammesView },
    { path: '/tandems', component: TandemsView },
    { path: '/gespraeche', component: SessionsView },
    { path: '/gruppen', component: GroupsView },
    { path: '/dokumente', component: DocumentsView },
    { path: '/einstellungen', component: SettingsView },
    { path: '/:rest(.*)*', redirect: '/uebersicht' },
  ],
})
