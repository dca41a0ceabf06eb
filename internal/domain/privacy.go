package domain

// Erasure is one entry of the erasure list: a person erased for good, or
// a tandem or plan erased when its retention period ran out (Kind "person",
// "tandem", "plan"). CreatedAt is the erased record's own creation time, so
// that a newer record that happens to get the same id is never erased by
// mistake. Never a name.
type Erasure struct {
	Kind      string `json:"kind"`
	ID        int64  `json:"id"`
	CreatedAt string `json:"createdAt"`
	ErasedAt  string `json:"erasedAt"`
}

// AuditEntry is one line of the audit log: who, when, what, on which record. Never content.
type AuditEntry struct {
	ID         int64  `json:"id"`
	At         string `json:"at"`
	OSUser     string `json:"osUser"`
	Action     string `json:"action"`
	RecordKind string `json:"recordKind"`
	RecordID   int64  `json:"recordId"`
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Entries []AuditEntry `json:"entries"`
	Total   int          `json:"total"`
}

// Audit actions.
const (
	AuditCreate  = "create"
	AuditChange  = "change"
	AuditDelete  = "delete"
	AuditErase   = "erase"
	AuditExport  = "export"
	AuditPrint   = "print"
	AuditRestore = "restore"
)

// RetentionKinds are the record kinds with a retention period, in display order.
var RetentionKinds = []string{"tandem", "plan", "person"}

// RetentionPeriod is how many months after its end a record kind is kept.
type RetentionPeriod struct {
	Kind   string `json:"kind"`
	Months int    `json:"months"`
}

// RetentionDue is one record whose retention period has passed.
type RetentionDue struct {
	Kind  string `json:"kind"` // tandem | plan | person
	ID    int64  `json:"id"`
	Label string `json:"label"` // names, for the list in the overview
	Ended string `json:"ended"` // YYYY-MM-DD the period is counted from
	DueOn string `json:"dueOn"` // YYYY-MM-DD the period ended
}

// ValidRetention checks a period.
func ValidRetention(p RetentionPeriod) error {
	known := false
	for _, k := range RetentionKinds {
		known = known || k == p.Kind
	}
	if !known {
		return Invalid("kind", "retention.kind.invalid")
	}
	if p.Months < 1 || p.Months > 600 {
		return Invalid("months", "retention.months.invalid", "min", 1, "max", 600)
	}
	return nil
}
