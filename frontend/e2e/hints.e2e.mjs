// Small things a user notices: a possible duplicate person is pointed out
// before saving, links look like the app's links, text parts keep their spaces.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { activeTandem, closeApp, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
  await page.waitForFunction(() => window.go?.app)
  await activeTandem(page, { department: 'ASD Nord', mentee: ['Lena', 'Neumann'], mentor: ['Petra', 'Becker'], runName: 'Einarbeitung 2027' })
})

after(() => closeApp(browser, app, dir))

async function nav(name) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click()
}

test('a new person with the name of a colleague in the same department gets a hint, not a refusal', async () => {
  await nav('Personen')
  await page.getByRole('button', { name: 'Neue Person' }).click()
  await page.fill('#pf-firstName', 'petra')
  await page.fill('#pf-lastName', 'Becker ')
  const hint = page.getByTestId('duplicate-hint')
  // Without a department it is another person: Petra Becker works in ASD Nord.
  await page.waitForTimeout(800)
  assert.equal(await hint.count(), 0)
  await page.locator('#pf-departmentId').selectOption({ label: 'ASD Nord' })
  await hint.waitFor()
  assert.match(await hint.innerText(), /Es gibt bereits eine Person „petra Becker“ in derselben Dienststelle/)
  await page.locator('#pf-departmentId').selectOption({ index: 0 })
  await hint.waitFor({ state: 'detached' })
})

test('links are styled like the app, not browser blue and underlined', async () => {
  await nav('Übersicht')
  const link = page.locator('[data-section=active-tandems] a').first()
  await link.waitFor()
  const style = await link.evaluate((a) => {
    const s = getComputedStyle(a)
    return { color: s.color, line: s.textDecorationLine }
  })
  assert.notEqual(style.color, 'rgb(0, 0, 238)')
  assert.equal(style.line, 'none')
  assert.deepEqual(problems.pageErrors, [])
})

test('„Löschen“ is offered only for templates that may be deleted; the others say why', async () => {
  await nav('Programme')
  const shipped = page.locator('.templates-table tbody tr', { hasText: 'Einarbeitung ASD' }).first()
  await shipped.waitFor()
  assert.equal(await shipped.getByRole('button', { name: 'Löschen' }).count(), 0)
  assert.match(await shipped.getByTestId('template-no-delete').innerText(), /Mitgeliefert: nicht löschbar, nur archivierbar/)
})
