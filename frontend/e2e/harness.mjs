// Starts the real app (built with -tags dev,webkit2_41) on a temporary
// database and drives its UI in Chromium through Wails' dev bridge. The Go
// side is never mocked: every click reaches the real bindings and SQLite.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const root = resolve(import.meta.dirname, '..', '..')
export const devBinary = process.env.TANDEM_DEV_BIN ?? join(root, 'build', 'bin', 'tandem-dev')
// The built UI the dev binary serves; another folder lets a second build be tested beside the first.
export const assetDir = process.env.TANDEM_ASSET_DIR ?? join(root, 'frontend', 'dist')

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.on('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'tandem-e2e-'))
}

// startApp launches the app on dbPath and resolves once its dev server answers;
// extraEnv adds environment variables (e.g. TANDEM_E2E_SAVE_DIR).
export async function startApp(dbPath, extraArgs = [], extraEnv = {}) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const proc = spawn(devBinary, ['-assetdir', assetDir, '-devserver', `127.0.0.1:${port}`, ...extraArgs], {
    cwd: root,
    env: { ...process.env, ...extraEnv, TANDEM_DB: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  proc.stdout.on('data', (d) => (log += d))
  proc.stderr.on('data', (d) => (log += d))
  const exited = new Promise((ok) => proc.on('exit', (code) => ok(code)))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`app exited early (${proc.exitCode}):\n${log}`)
    try {
      const r = await fetch(url)
      if (r.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL')
      throw new Error(`app did not start within 60 s:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM')
        const t = setTimeout(() => proc.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(t)
      }
    },
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
    headless: true,
  })
}

// openPage opens the app's UI and records every browser dialog, page error
// and request that leaves the app's own origin: tests assert all stay empty.
export async function openPage(browser, app) {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  const problems = { dialogs: [], pageErrors: [], foreignRequests: [], consoleErrors: [] }
  page.on('dialog', async (d) => {
    problems.dialogs.push(d.message())
    await d.dismiss()
  })
  page.on('pageerror', (e) => {
    // Wails' dev bridge (/wails/ipc.js, not part of the built app) throws
    // this once while mounting its connection overlay; it does not exist in
    // the desktop build. Everything else counts.
    if (String(e.stack).includes('/wails/ipc.js') && String(e).includes("reading 'nodes'")) return
    problems.pageErrors.push(String(e))
  })
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text())
  })
  page.on('request', (r) => {
    if (!r.url().startsWith(app.url) && !r.url().startsWith(app.url.replace('http', 'ws')) && !r.url().startsWith('data:')) {
      problems.foreignRequests.push(r.url())
    }
  })
  await page.goto(app.url)
  return { page, context, problems }
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true })
}

const pad = (n) => String(n).padStart(2, '0')

// isoDate formats a local date as the Go side expects it (JJJJ-MM-TT).
export const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

// germanDate formats a local date as the UI shows it (TT.MM.JJJJ).
export const germanDate = (d) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`

// activeTandem sets up, through the real bindings, a department, a mentee
// and a mentor, a run of the shipped „Einarbeitung ASD“ template from the
// first of this month for a year, and an active tandem of the two; with
// planStart (ISO) also the mentee's onboarding plan. For tests whose subject
// comes after that setup.
export async function activeTandem(page, { department, mentee, mentor, runName, planStart = '' }) {
  const now = new Date()
  const runStart = isoDate(new Date(now.getFullYear(), now.getMonth(), 1))
  const runEnd = isoDate(new Date(now.getFullYear() + 1, now.getMonth(), 0))
  return page.evaluate(
    async ({ department, mentee, mentor, runName, planStart, runStart, runEnd }) => {
      const g = window.go.app
      const dep = await g.DepartmentService.Create({ name: department, shortName: '' })
      const person = ([firstName, lastName], role) =>
        g.PeopleService.Create({
          salutation: '', firstName, lastName, email: '', phone: '', departmentId: dep.id, roles: [role],
          startDate: '', exitDate: '', lineManagerId: 0, note: '',
        })
      const mee = await person(mentee, 'mentee')
      const mor = await person(mentor, 'mentor')
      const tpl = (await g.TemplateService.List(false)).find((t) => t.name === 'Einarbeitung ASD')
      const run = await g.RunService.Create({ templateId: tpl.id, name: runName, startDate: runStart, endDate: runEnd, note: '' })
      const td = await g.TandemService.Create({
        runId: run.id, menteeId: mee.id, mentorIds: [mor.id], startDate: runStart, endDate: runEnd,
        withoutRecommendation: false, overrideReason: '',
      })
      if (planStart) {
        await g.PlanService.Create({ newcomerId: mee.id, templateId: tpl.id, tandemId: td.id, startDate: planStart, priorKnowledge: {}, responsible: {} })
      }
      await g.TandemService.SetStatus(td.id, 'active', '')
      return { tandemId: td.id, menteeId: mee.id, mentorId: mor.id }
    },
    { department, mentee, mentor, runName, planStart, runStart, runEnd },
  )
}

// openApp starts the app on dbPath and Chromium, and opens the UI.
export async function openApp(dbPath, extraArgs = [], extraEnv = {}) {
  const browser = await launchBrowser()
  const app = await startApp(dbPath, extraArgs, extraEnv)
  const { page, problems } = await openPage(browser, app)
  return { browser, app, page, problems }
}

// closeApp ends what openApp started (app may have been restarted since)
// and removes the test's folder.
export async function closeApp(browser, app, dir) {
  await browser?.close()
  await app?.stop()
  cleanup(dir)
}

// seedCourseWorld stores what the layout and English walks look at: the
// organisation profile, an active tandem with a final talk and an issued
// confirmation, and a certificate course of five participants. w holds the
// texts, so each walk chooses its own (German or language-neutral) data.
export async function seedCourseWorld(page, w) {
  await page.evaluate((org) => window.go.app.OrganisationService.Save(org), {
    ...w.organisation, postalCode: '40721', city: 'Hilden', phone: '', email: '',
  })
  const { tandemId } = await activeTandem(page, { ...w.tandem, mentor: ['Petra', 'Becker'], planStart: isoDate(new Date()) })
  const now = new Date()
  await page.evaluate(
    async ({ tandemId, today, start, end, w }) => {
      const g = window.go.app
      await g.SessionService.RecordFeedbackTalk({ tandemId, kind: 'final', date: today, answers: [], nextSteps: '' })
      await g.DocumentService.IssueConfirmation(tandemId)
      const tpl = (await g.TemplateService.List(false)).find((t) => t.name === 'Zertifikatskurs Professionelles Management im ASD')
      const run = await g.RunService.Create({ templateId: tpl.id, name: w.runName, startDate: start, endDate: end, note: '' })
      const dep = (await g.DepartmentService.List(false))[0]
      const ids = []
      for (const [first, last] of w.participants) {
        const p = await g.PeopleService.Create({
          salutation: '', firstName: first, lastName: last, email: `${first.toLowerCase()}@stadt.de`, phone: '+49 2103 72-123', departmentId: dep.id,
          roles: ['mentee'], startDate: '', exitDate: '', lineManagerId: 0, note: '',
        })
        ids.push(p.id)
      }
      await g.GroupService.Create({ kind: 'course', name: w.courseName, description: '', runId: run.id, memberIds: ids })
    },
    {
      tandemId, today: isoDate(now), w,
      start: isoDate(new Date(now.getFullYear() - 1, now.getMonth(), 1)), end: isoDate(new Date(now.getFullYear(), now.getMonth() + 6, 0)),
    },
  )
}
