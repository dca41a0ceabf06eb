// Helpers for the search box in the shell (issue 4): where a hit leads and
// the order and headings of the groups.
import type { RouteLocationRaw } from 'vue-router'
import type { SearchHit, SearchResults } from './api'

export const searchGroups = ['people', 'tandems', 'notes', 'agreements', 'feedback'] as const
export type SearchGroupName = (typeof searchGroups)[number]

// hitTarget is the page a hit opens: a person in the people list, a tandem's
// page, or the sessions of the tandem (and the session, if there is one); a
// note or agreement of a group's session opens that session on its own.
export function hitTarget(hit: Pick<SearchHit, 'kind' | 'refId' | 'tandemId' | 'sessionId'>): RouteLocationRaw {
  switch (hit.kind) {
    case 'person':
      return { path: '/personen', query: { person: String(hit.refId) } }
    case 'tandem':
      return { path: '/tandems', query: { tandem: String(hit.refId) } }
    default: {
      const query: Record<string, string> = {}
      if (hit.tandemId) query.tandem = String(hit.tandemId)
      if (hit.sessionId) query.session = String(hit.sessionId)
      return { path: '/gespraeche', query }
    }
  }
}

// totalHits counts the hits of all groups (groups may arrive with hits: null).
export function totalHits(r: SearchResults): number {
  return searchGroups.reduce((n, g) => n + (r[g]?.hits ?? []).length, 0)
}
