package app

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestMessagesHaveEnglishTexts keeps the English UI complete: every key of
// messages must be listed, with the placeholders of its German text, in
// frontend/src/locales/error-keys.json, whose frontend test
// (src/lib/errorsI18n.test.ts) demands an English text in en.json for each.
func TestMessagesHaveEnglishTexts(t *testing.T) {
	b, err := os.ReadFile("../frontend/src/locales/error-keys.json")
	if err != nil {
		t.Fatalf("read error-keys.json: %v", err)
	}
	var listed map[string][]string
	if err := json.Unmarshal(b, &listed); err != nil {
		t.Fatalf("parse error-keys.json: %v", err)
	}
	placeholder := regexp.MustCompile(`\{(\w+)\}`)
	keys := make([]string, 0, len(messages))
	for k := range messages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		want, ok := listed[k]
		if !ok {
			t.Errorf("message key %q is missing in frontend/src/locales/error-keys.json: run the dump of `messages` and add the English text to en.json \"errors\" (as %q)", k, strings.ReplaceAll(k, ".", "_"))
			continue
		}
		seen := map[string]bool{}
		var got []string
		for _, m := range placeholder.FindAllStringSubmatch(messages[k], -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				got = append(got, m[1])
			}
		}
		sort.Strings(got)
		sorted := append([]string(nil), want...)
		sort.Strings(sorted)
		if !slices.Equal(got, sorted) {
			t.Errorf("message key %q has placeholders %v, error-keys.json lists %v: update the list and the English text", k, got, sorted)
		}
	}
	for k := range listed {
		if _, ok := messages[k]; !ok {
			t.Errorf("error-keys.json lists %q, which messages no longer has: remove it there and from en.json", k)
		}
	}
}
