package domain

import (
	"strings"
	"time"
)

// BuildPlanItems turns a template's topics into the items of an individual
// plan that starts on start. Topic i becomes the item at position i:
//
//   - StartDate = start + 7·StartWeek days, the first day of the topic's first week;
//   - DueDate = start + 7·(EndWeek+1) − 1 days, the last day of its last week
//     (a topic of weeks 0–1 from Monday 01.03. is due on Sunday 14.03., day 13);
//   - ResponsibleID = responsible[topic.ResponsibleRole], 0 when the role is
//     empty or nobody is named for it;
//   - PriorKnowledge = knowledge[i], KnowledgeNone when missing. Knowledge
//     does not shorten or drop anything by itself: the item shows it, and the
//     user decides with ApplyPriorKnowledge.
//
// Every item starts open; IDs are 0 until stored.
func BuildPlanItems(t Template, start time.Time, knowledge map[int]PriorKnowledge, responsible map[Role]int64) []PlanItem {
	start = day(start)
	items := make([]PlanItem, len(t.Topics))
	for i, tp := range t.Topics {
		k := knowledge[i]
		if k == "" {
			k = KnowledgeNone
		}
		var resp int64
		if tp.ResponsibleRole != "" {
			resp = responsible[tp.ResponsibleRole]
		}
		items[i] = PlanItem{
			Position:       i,
			Phase:          tp.Phase,
			Title:          tp.Title,
			Description:    tp.Description,
			LegalReference: tp.LegalReference,
			Checklist:      append([]string{}, tp.Checklist...),
			StartDate:      FormatDate(start.AddDate(0, 0, 7*tp.StartWeek)),
			DueDate:        FormatDate(start.AddDate(0, 0, 7*(tp.EndWeek+1)-1)),
			ResponsibleID:  resp,
			Status:         ItemOpen,
			PriorKnowledge: k,
		}
	}
	return items
}

// ShiftDates returns copies of items with start and due dates moved by the
// number of days from oldStart to newStart; shifting back by the same
// difference restores them. Dates that are not ISO dates stay as they are.
func ShiftDates(items []PlanItem, oldStart, newStart time.Time) []PlanItem {
	days := DaysBetween(oldStart, newStart)
	out := make([]PlanItem, len(items))
	for i, it := range items {
		it.Checklist = append([]string{}, it.Checklist...)
		it.StartDate = shiftISO(it.StartDate, days)
		it.DueDate = shiftISO(it.DueDate, days)
		out[i] = it
	}
	return out
}

func shiftISO(iso string, days int) string {
	t, ok := ParseDate(iso)
	if !ok {
		return iso
	}
	return FormatDate(t.AddDate(0, 0, days))
}

// PlanProgress counts items: done ones of all that are not dropped.
func PlanProgress(items []PlanItem) Progress {
	var p Progress
	for _, it := range items {
		p.add(it.Status)
	}
	return p.finish()
}

// PhaseProgress returns the progress of each of n phases; items without a
// phase (-1) or with a phase out of range count only in PlanProgress.
func PhaseProgress(items []PlanItem, n int) []Progress {
	out := make([]Progress, n)
	for _, it := range items {
		if it.Phase >= 0 && it.Phase < n {
			out[it.Phase].add(it.Status)
		}
	}
	for i := range out {
		out[i] = out[i].finish()
	}
	return out
}

func (p *Progress) add(s PlanItemStatus) {
	if s == ItemDropped {
		return
	}
	p.Total++
	if s == ItemDone {
		p.Done++
	}
}

func (p Progress) finish() Progress {
	p.Percent = 0
	if p.Total > 0 {
		p.Percent = p.Done * 100 / p.Total
	}
	return p
}

// NewProgress returns the progress of done of total items.
func NewProgress(done, total int) Progress {
	return Progress{Done: done, Total: total}.finish()
}

// IsOverdue reports whether an item with this status and due date is
// overdue on today (ISO): open or in progress and due before today.
func IsOverdue(status PlanItemStatus, due, today string) bool {
	return (status == ItemOpen || status == ItemInProgress) && due < today
}

// Actions of ApplyPriorKnowledge.
const (
	KnowledgeRecord  = ""        // only record the knowledge
	KnowledgeShorten = "shorten" // halve the item's duration, keeping at least one week
	KnowledgeDrop    = "drop"    // the item is dropped (entfällt)
)

// KnowledgeLabel is the German name of a level of prior knowledge.
func KnowledgeLabel(k PriorKnowledge) string {
	switch k {
	case KnowledgeBasic:
		return "Grundkenntnisse"
	case KnowledgeConfident:
		return "Vorkenntnisse sicher"
	}
	return "keine Vorkenntnisse"
}

// MinItemDays is the shortest an item is shortened to: one week.
const MinItemDays = 7

// ApplyPriorKnowledge records k on the item and applies action:
//
//   - "" records the knowledge only;
//   - "shorten" halves the item's duration (rounding up, but keeping at least
//     one week): the due date moves earlier, and AdjustmentNote says why and
//     what it was, e.g. „Verkürzt: Vorkenntnisse sicher (vorher bis 12.03.2027)“.
//     An item of one week or less cannot be shortened (conflict plan.item.too_short);
//   - "drop" sets the status dropped, with the note „Entfällt: Vorkenntnisse sicher“.
func ApplyPriorKnowledge(it PlanItem, k PriorKnowledge, action string) (PlanItem, error) {
	if err := ValidateKnowledgeAction(k, action); err != nil {
		return it, err
	}
	switch action {
	case KnowledgeRecord:
		it.PriorKnowledge = k
	case KnowledgeShorten:
		start, ok1 := ParseDate(it.StartDate)
		due, ok2 := ParseDate(it.DueDate)
		if !ok1 || !ok2 {
			return it, Invalid("dueDate", "date.invalid")
		}
		days := DaysBetween(start, due) + 1
		keep := max((days+1)/2, MinItemDays)
		if keep >= days {
			return it, Conflict("plan.item.too_short", "title", it.Title, "days", MinItemDays)
		}
		it.AdjustmentNote = "Verkürzt: " + KnowledgeLabel(k) + " (vorher bis " + due.Format("02.01.2006") + ")"
		it.DueDate = FormatDate(start.AddDate(0, 0, keep-1))
		it.PriorKnowledge = k
	case KnowledgeDrop:
		it.AdjustmentNote = "Entfällt: " + KnowledgeLabel(k)
		it.Status = ItemDropped
		it.PriorKnowledge = k
	}
	return it, nil
}

// ValidateKnowledgeAction checks a level of prior knowledge and an action
// of ApplyPriorKnowledge.
func ValidateKnowledgeAction(k PriorKnowledge, action string) error {
	if !ValidPriorKnowledge(k) {
		return Invalid("priorKnowledge", "plan.knowledge.invalid")
	}
	switch action {
	case KnowledgeRecord, KnowledgeShorten, KnowledgeDrop:
		return nil
	}
	return Invalid("action", "plan.knowledge.action.invalid")
}

// SetItemStatus changes an item's status. An item taken back from dropped
// loses the note that said why it was dropped.
func SetItemStatus(it PlanItem, s PlanItemStatus) PlanItem {
	if it.Status == ItemDropped && s != ItemDropped && strings.HasPrefix(it.AdjustmentNote, "Entfällt") {
		it.AdjustmentNote = ""
	}
	it.Status = s
	return it
}

// ValidPriorKnowledge reports whether k is one of the three levels.
func ValidPriorKnowledge(k PriorKnowledge) bool {
	return k == KnowledgeNone || k == KnowledgeBasic || k == KnowledgeConfident
}

// ValidPlanItemStatus reports whether s is one of the four item statuses.
func ValidPlanItemStatus(s PlanItemStatus) bool {
	switch s {
	case ItemOpen, ItemInProgress, ItemDone, ItemDropped:
		return true
	}
	return false
}

// ValidPlanStatus reports whether s is one of the three plan statuses.
func ValidPlanStatus(s PlanStatus) bool {
	return s == PlanActive || s == PlanCompleted || s == PlanCancelled
}
