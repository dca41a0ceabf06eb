package app

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/bound-methods.txt")

// TestBoundMethods lists every method Wails binds: every exported method of
// a struct in Services.Bind() is callable from JavaScript. A new method
// fails this test until it is reviewed (does it validate every argument?)
// and added to testdata/bound-methods.txt (go test ./app -run BoundMethods -update).
func TestBoundMethods(t *testing.T) {
	services, closeDB := Open(context.Background(), Config{DBPath: filepath.Join(t.TempDir(), "t.db")})
	defer closeDB()
	var lines []string
	for _, s := range services.Bind() {
		typ := reflect.TypeOf(s)
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			lines = append(lines, typ.Elem().Name()+"."+m.Name+strings.TrimPrefix(m.Type.String(), "func"))
		}
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "bound-methods.txt")
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("the bound methods changed; review each new one (it is reachable from JavaScript) and run with -update.\ngot:\n%s\nwant:\n%s", got, want)
	}
}
