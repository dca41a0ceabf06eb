package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"tandem/internal/domain"
)

func TestBootMiddlewareInjectsStatusAsInertMeta(t *testing.T) {
	// A database path that tries to break out of the attribute.
	cfg := Config{DBPath: `/tmp/"><script>alert(1)</script>/tandem.db`, StartSection: "personen"}
	locked := &domain.Error{Code: domain.ELOCKED, Key: "db.locked", Params: map[string]any{"path": cfg.DBPath}}
	sys := newSystemService(&store{problem: locked}, cfg)
	assets := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><html><head><title>Tandem</title></head><body></body></html>")}}
	h := bootMiddleware(sys)(http.FileServerFS(assets))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	doc, err := html.Parse(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	var content string
	scripts := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			scripts++
		}
		if n.Type == html.ElementNode && n.Data == "meta" {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			if attrs["name"] == "tandem-boot" {
				content = attrs["content"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 0 {
		t.Fatalf("the path escaped into a script element: %s", rec.Body.String())
	}
	for _, want := range []string{`"startSection":"personen"`, `"ready":false`, `"code":"locked"`, `tandem.db`} {
		if !strings.Contains(content, want) {
			t.Errorf("boot data lacks %s: %s", want, content)
		}
	}

	// Other files pass through untouched.
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/missing.js", nil))
	if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "tandem-boot") {
		t.Fatalf("non-index request changed: %d %s", rec.Code, rec.Body.String())
	}
}

// A reload must get the status of now: a conditional request for the page
// is answered in full with the meta tag, and the page is not cacheable.
func TestBootPageIsNeverNotModified(t *testing.T) {
	sys := newSystemService(&store{problem: &domain.Error{Code: domain.ELOCKED, Key: "db.locked"}}, Config{DBPath: "/tmp/tandem.db"})
	assets := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><html><head><title>Tandem</title></head><body></body></html>"), ModTime: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	h := bootMiddleware(sys)(http.FileServerFS(assets))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("If-Modified-Since", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="tandem-boot"`) {
		t.Fatalf("status %d, body %s", rec.Code, rec.Body.String())
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" || rec.Header().Get("Last-Modified") != "" {
		t.Errorf("cacheable: Cache-Control %q, Last-Modified %q", cc, rec.Header().Get("Last-Modified"))
	}
}
