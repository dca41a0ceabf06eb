package app

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

// bootMiddleware writes the start-up state (SystemService.Status) into
// index.html as <meta name="tandem-boot" content="…">, so the UI knows at
// once which section to open and whether the database is usable, without
// waiting for a call across the bridge. A meta tag carries no script, so
// the Content-Security-Policy stays strict. The UI still asks Status()
// when the tag is missing.
func bootMiddleware(sys *SystemService) assetserver.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet || (r.URL.Path != "/" && r.URL.Path != "/index.html") {
				next.ServeHTTP(w, r)
				return
			}
			// The page carries the status of this moment: never answer "not
			// modified" from the file's date, and never let it be cached (a
			// reload after a restore must not show the old status).
			r = r.Clone(r.Context())
			for _, h := range []string{"If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since"} {
				r.Header.Del(h)
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			if st, err := sys.Status(); err == nil && rec.Code == http.StatusOK {
				body = injectBoot(body, st)
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Del("Last-Modified")
			w.Header().Del("ETag")
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	}
}

// injectBoot puts the meta tag right after <head>; HTML without a head is
// returned unchanged.
func injectBoot(page []byte, st Status) []byte {
	js, err := json.Marshal(st)
	if err != nil {
		return page
	}
	i := bytes.Index(page, []byte("<head>"))
	if i < 0 {
		return page
	}
	i += len("<head>")
	tag := `<meta name="tandem-boot" content="` + html.EscapeString(string(js)) + `">`
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
