// Geometry of the competency chart (Kompetenzprofil): one row per
// competency with the start and the end self-assessment as horizontal bars
// side by side, on a scale of the levels 1–4. Pure, so it is unit-tested;
// CompetencyChart.vue only draws what this returns.

export interface LevelEntry {
  competency: string
  level: number
}

export interface Bar {
  x: number
  y: number
  width: number
  height: number
  level: number
}

export interface ChartRow {
  name: string
  lines: string[] // the name wrapped for the label column
  y: number // top of the row
  height: number
  labelY: number // baseline of the first label line
  start: Bar | null
  end: Bar | null
}

export interface ChartTick {
  level: number
  x: number
}

export interface ChartLayout {
  width: number
  height: number
  plotX: number // left edge of the bars
  plotWidth: number
  plotTop: number
  plotBottom: number
  axisY: number // baseline of the level labels
  ticks: ChartTick[]
  rows: ChartRow[]
}

export const MAX_LEVEL = 4
export const LABEL_WIDTH = 220
export const PLOT_WIDTH = 380
export const LEGEND_HEIGHT = 30
export const BAR_HEIGHT = 12
export const BAR_GAP = 3
export const ROW_PAD = 8
export const LINE_HEIGHT = 15
export const AXIS_HEIGHT = 34
export const RIGHT_PAD = 16
const CHARS_PER_LINE = 24

// wrapLabel breaks a name into lines of at most max characters at spaces
// (and after hyphens); a longer single word is cut hard.
export function wrapLabel(name: string, max = CHARS_PER_LINE): string[] {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (let w of words) {
    while (w.length > max) {
      if (line) {
        lines.push(line)
        line = ''
      }
      lines.push(w.slice(0, max))
      w = w.slice(max)
    }
    if (!line) line = w
    else if (line.length + 1 + w.length <= max) line += ' ' + w
    else {
      lines.push(line)
      line = w
    }
  }
  if (line) lines.push(line)
  return lines.length ? lines : ['']
}

// chartNames is the rows' order: the current competency list, then names
// that only old assessments contain (the template changed since).
export function chartNames(competencies: string[], start: LevelEntry[] | null | undefined, end: LevelEntry[] | null | undefined): string[] {
  const names = [...competencies]
  const seen = new Set(names.map((n) => n.toLowerCase()))
  for (const l of [...(start ?? []), ...(end ?? [])]) {
    const k = l.competency.toLowerCase()
    if (!seen.has(k)) {
      seen.add(k)
      names.push(l.competency)
    }
  }
  return names
}

function levelOf(list: LevelEntry[] | null | undefined, name: string): number | null {
  const k = name.toLowerCase()
  const found = (list ?? []).find((l) => l.competency.toLowerCase() === k)
  return found && found.level >= 1 && found.level <= MAX_LEVEL ? found.level : null
}

// barWidth is the length of a bar of the given level.
export function barWidth(level: number, plotWidth = PLOT_WIDTH): number {
  return (Math.min(Math.max(level, 0), MAX_LEVEL) / MAX_LEVEL) * plotWidth
}

// chartLayout places every row, bar and tick of the chart.
export function chartLayout(competencies: string[], start: LevelEntry[] | null | undefined, end: LevelEntry[] | null | undefined): ChartLayout {
  const plotX = LABEL_WIDTH
  const plotTop = LEGEND_HEIGHT
  let y = plotTop
  const rows: ChartRow[] = chartNames(competencies, start, end).map((name) => {
    const lines = wrapLabel(name)
    const bars = 2 * BAR_HEIGHT + BAR_GAP
    const height = Math.max(bars, lines.length * LINE_HEIGHT) + 2 * ROW_PAD
    const top = y
    y += height
    const barsTop = top + (height - bars) / 2
    const bar = (level: number | null, offset: number): Bar | null =>
      level === null ? null : { x: plotX, y: barsTop + offset, width: barWidth(level), height: BAR_HEIGHT, level }
    return {
      name,
      lines,
      y: top,
      height,
      labelY: top + (height - lines.length * LINE_HEIGHT) / 2 + LINE_HEIGHT - 3,
      start: bar(levelOf(start, name), 0),
      end: bar(levelOf(end, name), BAR_HEIGHT + BAR_GAP),
    }
  })
  const plotBottom = y
  const ticks: ChartTick[] = []
  for (let level = 1; level <= MAX_LEVEL; level++) ticks.push({ level, x: plotX + barWidth(level) })
  return {
    width: plotX + PLOT_WIDTH + RIGHT_PAD,
    height: plotBottom + AXIS_HEIGHT,
    plotX,
    plotWidth: PLOT_WIDTH,
    plotTop,
    plotBottom,
    axisY: plotBottom + 20,
    ticks,
    rows,
  }
}
