package documents

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// AccessDoc is the readable part of an access export (Art. 15 DSGVO):
// every stored row about one person, table by table.
type AccessDoc struct {
	Org        Organisation
	PersonName string
	Tables     map[string][]map[string]any // table → rows (column → value)
	Labels     map[string]string           // table → German heading
	Issued     time.Time
}

// AccessReport renders the access export as a PDF.
func AccessReport(in AccessDoc) ([]byte, error) {
	title := "Auskunft nach Art. 15 DSGVO"
	d := newDoc(in.Org, title+" – "+oneLine(in.PersonName), title, in.Issued)
	d.heading(title)
	d.fields([][2]string{
		{"Person", in.PersonName},
		{"Stand", in.Issued.Local().Format("02.01.2006, 15:04 Uhr")},
	})
	d.para("Dieses Dokument enthält alle in Tandem gespeicherten Einträge zu dieser Person. " +
		"Die beigefügte JSON-Datei enthält dieselben Daten maschinenlesbar.")
	names := make([]string, 0, len(in.Tables))
	for t := range in.Tables {
		names = append(names, t)
	}
	sort.Slice(names, func(i, j int) bool { return label(in.Labels, names[i]) < label(in.Labels, names[j]) })
	for _, t := range names {
		rows := in.Tables[t]
		d.section(fmt.Sprintf("%s (%d)", label(in.Labels, t), len(rows)), lineH)
		if len(rows) == 0 {
			d.para("Keine Einträge.")
			continue
		}
		for i, row := range rows {
			cols := make([]string, 0, len(row))
			for c := range row {
				cols = append(cols, c)
			}
			sort.Strings(cols)
			pairs := make([][2]string, 0, len(cols))
			for _, c := range cols {
				pairs = append(pairs, [2]string{c, accessValue(row[c])})
			}
			if i > 0 {
				d.pdf.Ln(2)
			}
			d.fields(pairs)
		}
	}
	return d.bytes()
}

func label(labels map[string]string, table string) string {
	if l := labels[table]; l != "" {
		return l
	}
	return table
}

func accessValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return fmt.Sprintf("(Binärdaten, %d Bytes)", len(x))
	case string:
		if len(x) > 20000 {
			return strings.ToValidUTF8(x[:20000], "") + " …"
		}
		return x
	default:
		return fmt.Sprint(x)
	}
}
