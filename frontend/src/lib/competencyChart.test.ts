import { describe, expect, it } from 'vitest'
import { BAR_HEIGHT, LABEL_WIDTH, LEGEND_HEIGHT, PLOT_WIDTH, barWidth, chartLayout, chartNames, wrapLabel } from './competencyChart'

const list = ['Digitale Kompetenz', 'Analytische Kompetenz', 'Prozess- und Netzwerksteuerung']

describe('competency chart geometry', () => {
  it('scales levels 1–4 onto the plot width', () => {
    expect(barWidth(1)).toBe(PLOT_WIDTH / 4)
    expect(barWidth(4)).toBe(PLOT_WIDTH)
    expect(barWidth(9)).toBe(PLOT_WIDTH)
    expect(barWidth(-1)).toBe(0)
  })

  it('wraps long names at spaces and cuts overlong words', () => {
    expect(wrapLabel('Prozess- und Netzwerksteuerung', 14)).toEqual(['Prozess- und', 'Netzwerksteuer', 'ung'])
    expect(wrapLabel('Digitale Kompetenz')).toEqual(['Digitale Kompetenz'])
    expect(wrapLabel('')).toEqual([''])
  })

  it('keeps the list order and appends names only old assessments have', () => {
    expect(chartNames(list, [{ competency: 'Alte Kompetenz', level: 2 }, { competency: 'digitale kompetenz', level: 1 }], null)).toEqual([
      ...list,
      'Alte Kompetenz',
    ])
  })

  it('places start and end bars side by side in each row, without overlap', () => {
    const start = list.map((c, i) => ({ competency: c, level: i + 1 }))
    const end = [{ competency: list[0], level: 4 }]
    const l = chartLayout(list, start, end)
    expect(l.rows).toHaveLength(3)
    expect(l.plotTop).toBe(LEGEND_HEIGHT)
    expect(l.ticks.map((t) => t.x)).toEqual([1, 2, 3, 4].map((n) => LABEL_WIDTH + (n * PLOT_WIDTH) / 4))
    const r0 = l.rows[0]
    expect(r0.start).toMatchObject({ x: LABEL_WIDTH, width: PLOT_WIDTH / 4, level: 1, height: BAR_HEIGHT })
    expect(r0.end).toMatchObject({ x: LABEL_WIDTH, width: PLOT_WIDTH, level: 4 })
    expect(r0.end!.y).toBeGreaterThanOrEqual(r0.start!.y + BAR_HEIGHT)
    expect(l.rows[1].end).toBeNull()
    for (const [i, r] of l.rows.entries()) {
      expect(r.start!.y).toBeGreaterThanOrEqual(r.y)
      expect(r.start!.y + 2 * BAR_HEIGHT).toBeLessThanOrEqual(r.y + r.height)
      if (i > 0) expect(r.y).toBe(l.rows[i - 1].y + l.rows[i - 1].height)
    }
    expect(l.height).toBeGreaterThan(l.plotBottom)
    expect(l.width).toBeGreaterThan(LABEL_WIDTH + PLOT_WIDTH)
  })

  it('ignores levels outside 1–4', () => {
    const l = chartLayout(['A'], [{ competency: 'A', level: 5 }], [{ competency: 'A', level: 0 }])
    expect(l.rows[0].start).toBeNull()
    expect(l.rows[0].end).toBeNull()
  })
})
