// Pure helpers of the programme screens (templates, plans, tandems): no
// bindings, no i18n, so that they are unit-tested on their own.
import { isoToGerman } from './dates'
import type { Phase, PlanItem, Progress, Topic } from './api'

export const templateKinds = ['onboarding', 'leadership_mentoring', 'certificate_course', 'learning_path', 'secondment'] as const
export type TemplateKind = (typeof templateKinds)[number]
export const tandemStatuses = ['planned', 'active', 'completed', 'cancelled'] as const
export type TandemStatus = (typeof tandemStatuses)[number]
export const itemStatuses = ['open', 'in_progress', 'done', 'dropped'] as const
export type ItemStatus = (typeof itemStatuses)[number]
export const knowledgeLevels = ['none', 'basic', 'confident'] as const
export type Knowledge = (typeof knowledgeLevels)[number]
export const planStatuses = ['active', 'completed', 'cancelled'] as const

// linesToList reads a textarea with one entry per line (a checklist, the
// questions of a feedback talk): lines are trimmed, empty ones dropped.
export function linesToList(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

// listToLines is the inverse for showing a list in a textarea.
export function listToLines(list: readonly string[] | null | undefined): string {
  return (list ?? []).join('\n')
}

// kindKey is the i18n key of a template kind; '' for a kind this build does not know.
export function kindKey(kind: string): string {
  return (templateKinds as readonly string[]).includes(kind) ? `kinds.${kind}` : ''
}

// progressPercent is the share done as a whole number 0–100; nothing to do counts as 0.
export function progressPercent(p: Progress | null | undefined): number {
  if (!p || !(p.total > 0)) return 0
  const n = Number.isFinite(p.percent) ? p.percent : Math.round((p.done / p.total) * 100)
  return Math.min(100, Math.max(0, Math.round(n)))
}

// dateRange shows a period as „TT.MM.JJJJ – TT.MM.JJJJ“ (either end may be missing).
export function dateRange(start: string, end: string): string {
  const a = isoToGerman(start ?? '')
  const b = isoToGerman(end ?? '')
  if (a && b) return `${a} – ${b}`
  return a || (b ? `– ${b}` : '')
}


export interface ItemGroup {
  phase: number // index into the plan's phases, -1: none
  name: string // '' for items without a phase
  items: PlanItem[]
}

// groupItems orders a plan's items by position and groups them by phase,
// in the order of the phases; items without a (known) phase come last.
export function groupItems(items: readonly PlanItem[] | null, phases: readonly Phase[] | null): ItemGroup[] {
  const ph = phases ?? []
  const sorted = [...(items ?? [])].sort((a, b) => a.position - b.position || a.id - b.id)
  const groups: ItemGroup[] = ph.map((p, i) => ({ phase: i, name: p.name, items: [] }))
  const rest: ItemGroup = { phase: -1, name: '', items: [] }
  for (const it of sorted) {
    const g = it.phase >= 0 && it.phase < groups.length ? groups[it.phase] : rest
    g.items.push(it)
  }
  return [...groups, rest].filter((g) => g.items.length > 0)
}

// move returns a copy of list with the entry at index moved by delta
// places; out of range it returns an unchanged copy.
export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const out = [...list]
  const to = index + delta
  if (index < 0 || index >= out.length || to < 0 || to >= out.length) return out
  const [x] = out.splice(index, 1)
  out.splice(to, 0, x)
  return out
}

// A topic in the template editor: its checklist is edited as lines.
export interface TopicForm extends Topic {
  checklistText: string
}

interface PhasesAndTopics {
  phases: Phase[]
  topics: Topic[]
}

// movePhase moves a template's phase and keeps every topic in its phase.
export function movePhase(t: PhasesAndTopics, index: number, delta: number): void {
  const to = index + delta
  if (index < 0 || index >= t.phases.length || to < 0 || to >= t.phases.length) return
  const order = move(t.phases.map((_, i) => i), index, delta) // order[new] = old
  const newIndex = new Map(order.map((old, i) => [old, i]))
  t.phases = order.map((old) => t.phases[old])
  for (const tp of t.topics) if (tp.phase >= 0) tp.phase = newIndex.get(tp.phase) ?? -1
}

// removePhase removes a template's phase: its topics keep existing without
// a phase, topics of later phases keep theirs.
export function removePhase(t: PhasesAndTopics, index: number): void {
  if (index < 0 || index >= t.phases.length) return
  t.phases = t.phases.filter((_, i) => i !== index)
  for (const tp of t.topics) {
    if (tp.phase === index) tp.phase = -1
    else if (tp.phase > index) tp.phase--
  }
}

// knowledgeMap turns the prior knowledge chosen per template topic into
// what PlanInput wants: only the topics with some knowledge.
export function knowledgeMap(levels: readonly Knowledge[]): Record<number, string> {
  const out: Record<number, string> = {}
  levels.forEach((k, i) => {
    if (k && k !== 'none') out[i] = k
  })
  return out
}

// responsibleMap drops the roles nobody was chosen for.
export function responsibleMap(chosen: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [role, id] of Object.entries(chosen)) if (Number(id) > 0) out[role] = Number(id)
  return out
}

export type TandemAction = 'start' | 'complete' | 'cancel'

// tandemActions lists what a tandem's status allows: geplant → aktiv →
// abgeschlossen; geplant or aktiv → abgebrochen. A finished tandem has none.
export function tandemActions(status: TandemStatus | string): TandemAction[] {
  switch (status) {
    case 'planned':
      return ['start', 'cancel']
    case 'active':
      return ['complete', 'cancel']
    default:
      return []
  }
}

export const actionStatus: Record<TandemAction, TandemStatus> = { start: 'active', complete: 'completed', cancel: 'cancelled' }

// sortForPlan orders templates for the onboarding plan wizard: onboarding
// templates first, then the others, each by name.
export function sortForPlan<T extends { kind: string; name: string }>(list: readonly T[]): T[] {
  const rank = (t: T) => (t.kind === 'onboarding' ? 0 : 1)
  return [...list].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'de'))
}

// listErrorKey names where a validation error of a template list belongs:
// „topics.title“ with param index 4 → „topics.title#3“ (0-based), so the
// editor can show it next to the fourth topic's title.
export function listErrorKey(field: string, params: Record<string, string>): string {
  const n = Number(params?.index)
  return Number.isInteger(n) && n >= 1 && field.includes('.') ? `${field}#${n - 1}` : field
}

// personName shows a person as „Nachname, Vorname“ like the people list.
export function personName(p: { firstName: string; lastName: string }): string {
  return p.firstName ? `${p.lastName}, ${p.firstName}` : p.lastName
}
