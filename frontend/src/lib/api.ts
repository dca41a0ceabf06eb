// The one place the UI reaches the Go side. Every call goes through the
// bindings Wails generates from app/ (frontend/wailsjs, not committed).
import * as People from '../../wailsjs/go/app/PeopleService'
import * as Departments from '../../wailsjs/go/app/DepartmentService'
import * as OrganisationBinding from '../../wailsjs/go/app/OrganisationService'
import * as System from '../../wailsjs/go/app/SystemService'
import * as RecoveryBackups from '../../wailsjs/go/app/BackupService'
import * as Templates from '../../wailsjs/go/app/TemplateService'
import * as Runs from '../../wailsjs/go/app/RunService'
import * as Tandems from '../../wailsjs/go/app/TandemService'
import * as Plans from '../../wailsjs/go/app/PlanService'
import * as Sessions from '../../wailsjs/go/app/SessionService'
import * as OverviewBinding from '../../wailsjs/go/app/OverviewService'
import * as SearchBinding from '../../wailsjs/go/app/SearchService'
import * as GroupsBinding from '../../wailsjs/go/app/GroupService'
import * as DocumentReports from '../../wailsjs/go/app/DocumentService'
import * as DocumentBinding from '../../wailsjs/go/app/DocumentService'
import * as BackupsBinding from '../../wailsjs/go/app/BackupService'
import * as PrivacyBinding from '../../wailsjs/go/app/PrivacyService'
import { LogInfo } from '../../wailsjs/runtime/runtime'
import type { app, domain } from '../../wailsjs/go/models'

export type Person = domain.Person
export type PersonInput = domain.PersonInput
export type PersonFilter = domain.PersonFilter
export type PersonList = domain.PersonList
export type Department = domain.Department
export type DepartmentInput = domain.DepartmentInput
export type Organisation = domain.Organisation
export type OrganisationInput = domain.OrganisationInput
export type Status = app.Status

// Programmes (issue 3). Go returns plain JSON: a nil list arrives as null,
// so views read lists with `?? []`.
export type Template = domain.Template
export type Phase = domain.Phase
export type Topic = domain.Topic
// What the UI sends for a template: the generated class without its helper method.
export type TemplateData = Omit<domain.Template, 'convertValues'>
export type Run = domain.Run
export type RunInput = domain.RunInput
export type Tandem = domain.Tandem
export type TandemInput = domain.TandemInput
export type TandemFilter = domain.TandemFilter
export type RuleWarning = domain.RuleWarning
export type Plan = domain.Plan
export type PlanItem = domain.PlanItem
export type PlanInput = domain.PlanInput
export type PlanItemInput = domain.PlanItemInput
export type PlanFilter = domain.PlanFilter
export type Handover = domain.Handover
export type HandoverInput = domain.HandoverInput
export type Progress = domain.Progress
export type Overview = domain.Overview
export type OverdueItem = domain.OverdueItem
export type ProbationEnd = domain.ProbationEnd
export type SecondmentLimit = domain.SecondmentLimit
export type UpcomingSession = domain.UpcomingSession
export type OverdueAgreement = domain.OverdueAgreement
export type QuietTandem = domain.QuietTandem
export type FinalTalkDue = domain.FinalTalkDue
export type CompetencyProfile = domain.CompetencyProfile
export type SelfAssessment = domain.SelfAssessment
export type SelfAssessmentInput = domain.SelfAssessmentInput
export type CompetencyLevel = domain.CompetencyLevel
// Sessions and feedback talks (issue 4).
export type Session = domain.Session
export type SessionInput = domain.SessionInput
export type Note = domain.Note
export type NoteInput = domain.NoteInput
export type Agreement = domain.Agreement
export type AgreementInput = domain.AgreementInput
export type FeedbackTalk = domain.FeedbackTalk
export type FeedbackTalkInput = domain.FeedbackTalkInput
export type FeedbackAnswer = domain.FeedbackAnswer
export type TimelineEntry = domain.TimelineEntry
// Search across the records (issue 5).
export type SearchResults = domain.SearchResults
export type SearchHit = domain.SearchHit
// Peer groups, steering group, certificate course (issue 4).
export type Group = domain.Group
export type GroupInput = domain.GroupInput
export type GroupMember = domain.GroupMember
export type GroupFilter = domain.GroupFilter
export type CourseModule = domain.CourseModule
export type CourseModuleInput = domain.CourseModuleInput
export type PracticeProject = domain.PracticeProject
export type PracticeProjectInput = domain.PracticeProjectInput
export type CourseParticipant = domain.CourseParticipant
// Backups and restore (issue 6).
export type BackupList = app.BackupList
export type BackupItem = app.BackupItem
export type BackupSettings = app.BackupSettings
export type RestoreResult = app.RestoreResult

export const roles = ['mentor', 'mentee', 'team_lead', 'head_of_office', 'speaker', 'steering_group'] as const
export type Role = (typeof roles)[number]
export const salutations = ['', 'Frau', 'Herr'] as const

export const api = {
  people: People,
  departments: Departments,
  organisation: OrganisationBinding,
  system: System,
  // After a damaged database was moved aside (RecoveryBanner.vue).
  recovery: {
    restore: (path: string) => RecoveryBackups.Restore(path, ''),
    dismiss: () => System.DismissRecovery(),
  },
  templates: {
    ...Templates,
    // The generated signatures want the class; Go only sees the JSON.
    Create: (t: TemplateData) => Templates.Create(t as domain.Template),
    Update: (id: number, t: TemplateData) => Templates.Update(id, t as domain.Template),
  },
  runs: Runs,
  tandems: Tandems,
  plans: Plans,
  overview: OverviewBinding,
  sessions: Sessions,
  search: SearchBinding,
  groups: GroupsBinding,
  backups: BackupsBinding,
  privacy: PrivacyBinding,
}

const logged = new Set<string>()

// ready tells the start-up benchmark (bench/startup) that a view shows data.
// Each mark is logged once per start, with the time since the page began loading.
export function ready(mark: string, detail = '') {
  if (logged.has(mark)) return
  logged.add(mark)
  try {
    LogInfo(`tandem:ready ${mark}${detail ? ' ' + detail : ''} t=${Math.round(performance.now())}ms`)
  } catch {
    // no runtime (unit tests)
  }
}

// The people list of the first screen, asked for while the UI is still
// being mounted (see main.ts); PeopleView takes it once.
let firstPeople: Promise<PersonList> | null = null

export const firstPeopleFilter: PersonFilter = { query: '', role: '', departmentId: 0, includeArchived: false, limit: 200 }

export function prefetchPeople() {
  firstPeople = People.List({ ...firstPeopleFilter })
  firstPeople.catch(() => undefined) // PeopleView reports errors when it takes it
}

export function takePrefetchedPeople(): Promise<PersonList> | null {
  const p = firstPeople
  firstPeople = null
  return p
}

// Einarbeitungshandbuch and Sachstandsbericht (issue 5): each returns the
// path written, "" when the save dialog was cancelled.
export const reports = {
  saveHandbook: (planId: number) => DocumentReports.SaveHandbook(planId),
  saveStatusReport: (from: string, to: string) => DocumentReports.SaveStatusReport(from, to),
  saveStatusReportCSV: (from: string, to: string) => DocumentReports.SaveStatusReportCSV(from, to),
}

// Documents and the register of issued documents (issue 5). Saving returns
// the path written ("" when the save dialog was cancelled) and, for numbered
// documents, the register entry.
export type RegisterEntry = domain.RegisterEntry
export type RegisterFilter = domain.RegisterFilter
export type DocumentTexts = domain.DocumentTexts
export type DocumentResult = app.DocumentResult
export type VerifyResult = app.VerifyResult
export type BatchResult = app.BatchResult
export type DocumentTextsView = app.DocumentTextsView
export const documents = {
  savePlan: (planId: number) => DocumentBinding.SavePlan(planId),
  saveSessionMinutes: (sessionId: number, includeConfidential: boolean) => DocumentBinding.SaveSessionMinutes(sessionId, includeConfidential),
  issueConfirmation: (tandemId: number) => DocumentBinding.IssueConfirmation(tandemId),
  issueCertificate: (groupId: number, personId: number) => DocumentBinding.IssueCertificate(groupId, personId),
  issueRunConfirmations: (runId: number, combined: boolean) => DocumentBinding.IssueRunConfirmations(runId, combined),
  cancelBatch: () => DocumentBinding.CancelBatch(),
  register: (f: RegisterFilter) => DocumentBinding.Register(f),
  lookupNumber: (number: string) => DocumentBinding.LookupNumber(number),
  verifyFile: (base64: string) => DocumentBinding.VerifyFile(base64),
  revoke: (number: string, reason: string) => DocumentBinding.Revoke(number, reason),
  reissue: (number: string) => DocumentBinding.Reissue(number),
  texts: () => DocumentBinding.DocumentTexts(),
  saveTexts: (t: DocumentTexts) => DocumentBinding.SaveDocumentTexts(t),
  openFile: (path: string) => DocumentBinding.OpenFile(path),
}
