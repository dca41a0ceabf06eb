// Pure helpers of the groups section (peer groups, steering group,
// certificate course): kinds, sorting, attendance and completion texts.

export const groupKinds = ['peer_mentees', 'peer_mentors', 'steering', 'course'] as const
export type GroupKind = (typeof groupKinds)[number]

export const projectStatuses = ['planned', 'in_progress', 'completed', 'abandoned'] as const
export type ProjectStatus = (typeof projectStatuses)[number]

// The role whose people fit a group kind best (listed first when picking members).
export const kindRole: Record<GroupKind, string> = {
  peer_mentees: 'mentee',
  peer_mentors: 'mentor',
  steering: 'steering_group',
  course: '',
}

interface SessionLike {
  id: number
  date: string
  startTime: string
  participants?: { present: boolean }[] | null
}

// newestFirst sorts sessions by date and start time, the latest first.
export function newestFirst<T extends SessionLike>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (b.date + b.startTime).localeCompare(a.date + a.startTime) || b.id - a.id)
}

// attendance counts who was present at a session.
export function attendance(s: SessionLike): { present: number; total: number } {
  const p = s.participants ?? []
  return { present: p.filter((x) => x.present).length, total: p.length }
}

interface ParticipantLike {
  percent: number
  requiredPercent: number
  attendanceMet: boolean
  projectMet: boolean
  completed: boolean
}

// What still keeps a course participant from completion, as message keys
// (under "groups.open") with their parameters; empty when completed.
export function openPoints(p: ParticipantLike): { key: string; params: Record<string, number> }[] {
  if (p.completed) return []
  const out: { key: string; params: Record<string, number> }[] = []
  if (!p.attendanceMet) out.push({ key: 'attendance', params: { percent: p.percent, required: p.requiredPercent } })
  if (!p.projectMet) out.push({ key: 'project', params: {} })
  return out
}

// moduleDefault is the module a new course session most likely belongs to:
// the first one without a session yet, else the first.
export function moduleDefault(modules: readonly { id: number }[], sessions: readonly { moduleId: number }[]): number {
  const used = new Set(sessions.map((s) => s.moduleId))
  return (modules.find((m) => !used.has(m.id)) ?? modules[0])?.id ?? 0
}

// Case- and umlaut-insensitive match for the member picker: "mull",
// "müll" and "MUELL" find „Müller“, "strass" finds „Straßburger“.
function variants(s: string): string[] {
  const lower = s.toLowerCase().replace(/ß/g, 'ss')
  const plain = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  const spelled = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  return [plain, spelled]
}

export function matches(name: string, query: string): boolean {
  const q = query.trim()
  if (!q) return true
  const names = variants(name)
  return variants(q).some((v) => names.some((n) => n.includes(v)))
}
