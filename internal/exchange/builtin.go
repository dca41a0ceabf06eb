package exchange

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"tandem/internal/domain"
)

// builtinFS holds the templates shipped with the app, one file per
// template in the exchange format; the file name without ".json" is the
// template's key ("einarbeitung-asd").
//
//go:embed builtin/*.json
var builtinFS embed.FS

// Builtin returns the shipped templates, validated, in file name order.
// An error means a broken build, never a user's doing.
func Builtin() ([]domain.BuiltinTemplate, error) {
	names, err := fs.Glob(builtinFS, "builtin/*.json")
	if err != nil {
		return nil, domain.Internal(err, "list builtin templates")
	}
	sort.Strings(names)
	list := make([]domain.BuiltinTemplate, 0, len(names))
	for _, name := range names {
		data, err := builtinFS.ReadFile(name)
		if err != nil {
			return nil, domain.Internal(err, "read %s", name)
		}
		t, err := Decode(data)
		if err != nil {
			return nil, domain.Internal(err, "decode %s", name)
		}
		b := domain.BuiltinTemplate{Key: strings.TrimSuffix(path.Base(name), ".json"), Template: t}
		if err := b.Validate(); err != nil {
			return nil, domain.Internal(err, "builtin %s", name)
		}
		list = append(list, b)
	}
	if len(list) == 0 {
		return nil, domain.Internal(fmt.Errorf("no files"), "builtin templates")
	}
	return list, nil
}
