// Every call to the Go side settles: bound methods called with arguments of
// the wrong type (as a script or the devtools console could) reject within a
// second with a German „invalid“ AppError, and change nothing. Before, Wails
// refused such calls without an answer the dev bridge could deliver, and
// the promise hung forever.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { closeApp, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(join(dir, 'tandem.db'), ['--section', 'personen']))
  await page.getByRole('heading', { name: 'Personen', level: 1 }).waitFor()
})

after(() => closeApp(browser, app, dir))

// snapshot is what a wrong call must not change: every person and the audit log.
const snapshot = () =>
  page.evaluate(async () => {
    const g = window.go.app
    const people = await g.PeopleService.List({ query: '', role: '', departmentId: 0, includeArchived: true, limit: 0 })
    const audit = await g.PrivacyService.AuditLog(0, 500)
    return JSON.stringify({ people, audit })
  })

test('wrong-typed arguments reject at once with a German message and change nothing', async () => {
  const id = await page.evaluate(async () => {
    const p = await window.go.app.PeopleService.Create({
      salutation: '', firstName: 'Sophie', lastName: 'Groß', email: '', phone: '', departmentId: 0, roles: ['mentee'],
      startDate: '', exitDate: '', lineManagerId: 0, note: '',
    })
    return p.id
  })
  const before = await snapshot()
  // [method, arguments]: the calls a script could make.
  const calls = [
    ['PeopleService.Get', ['abc']], // string for int64
    ['PeopleService.Get', [{ id }]], // object for int64
    ['PeopleService.Get', [[id]]], // array for int64
    ['PeopleService.Get', [1e19]], // beyond int64
    ['PeopleService.Get', [1.5]], // not an integer
    ['PeopleService.Get', [null]], // null: the zero id, refused by the Go side
    ['PeopleService.Get', []], // missing argument
    ['PeopleService.Get', [id, id]], // one too many
    ['PeopleService.Create', ['Sophie']], // string for a struct
    ['PeopleService.Create', [[]]], // array for a struct
    ['PeopleService.Create', [{ firstName: 42, lastName: 'Groß' }]], // number for a string field
    ['PeopleService.Update', [String(id), { firstName: 'X', lastName: 'Y' }]],
    ['PeopleService.Delete', [{}]],
    ['PrivacyService.ErasePerson', [id, { name: 'Sophie Groß' }, []]], // object for string
    ['PrivacyService.ErasePerson', [id]], // missing the confirmation
    ['PeopleService.Archive', [true]],
    ['DocumentService.LookupNumber', [{ number: 'JA-2026-0001' }]], // object for string
    ['DocumentService.LookupNumber', [12]], // number for string
    ['PrivacyService.AuditLog', ['0', '10']], // strings for int
  ]
  const results = await page.evaluate(async (calls) => {
    const out = []
    for (const [name, args] of calls) {
      const [svc, method] = name.split('.')
      const started = performance.now()
      const settled = await Promise.race([
        window.go.app[svc][method](...args).then(
          (v) => ({ outcome: 'resolved', value: JSON.stringify(v) }),
          (e) => ({ outcome: 'rejected', message: e instanceof Error ? e.message : String(e) }),
        ),
        new Promise((ok) => setTimeout(() => ok({ outcome: 'hung' }), 1000)),
      ])
      out.push({ name, args: JSON.stringify(args), ms: Math.round(performance.now() - started), ...settled })
    }
    return out
  }, calls)

  for (const r of results) {
    assert.equal(r.outcome, 'rejected', `${r.name}(${r.args}): ${r.outcome} ${r.value ?? ''}`)
    let e
    try {
      e = JSON.parse(r.message)
    } catch {
      assert.fail(`${r.name}(${r.args}) rejected with text that is not an AppError: ${r.message}`)
    }
    assert.equal(e.code, 'invalid', `${r.name}(${r.args}): ${r.message}`)
    assert.match(e.message, /ungültig|Bitte|Verweis/, `${r.name}(${r.args}): ${e.message}`)
    assert.doesNotMatch(e.message, /json|argument|error|expected|unmarshal/i, `${r.name}(${r.args}): ${e.message}`)
  }
  assert.equal(await snapshot(), before, 'a refused call changed the database')

  // A correct call afterwards still works: the bridge is intact.
  const name = await page.evaluate(async (id) => (await window.go.app.PeopleService.Get(id)).lastName, id)
  assert.equal(name, 'Groß')
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.dialogs, [])
})
