package domain

import (
	"strings"
	"testing"
)

func TestNoteInputValidate(t *testing.T) {
	in := NoteInput{Text: "  <b>fett</b>\r\nzweite Zeile\t \n"}
	if err := in.Validate(); err != nil || in.Text != "  <b>fett</b>\nzweite Zeile\t \n" {
		t.Fatalf("text %q, %v", in.Text, err)
	}
	for _, c := range []struct {
		text, key string
	}{
		{strings.Repeat("ä", MaxSessionNoteLen+1), "note.too_long"},
		{strings.Repeat("x", 1<<20), "note.too_long"},
		{"a\u202eb", "text.control"},
		{"a\xffb", "text.encoding"},
	} {
		in := NoteInput{Text: c.text}
		err := in.Validate()
		if e := AsError(err); err == nil || e.Key != c.key || e.Field != "text" || in.Text != c.text {
			t.Errorf("%.20q: %v", c.text, err)
		}
	}
}

func TestSessionInputValidate(t *testing.T) {
	in := SessionInput{TandemID: 1, Date: "2027-03-01", StartTime: " 09:05 ", DurationMinutes: 5, TopicItemIDs: []int64{3, 3, 4}}
	if err := in.Validate(); err != nil || in.StartTime != "09:05" || len(in.TopicItemIDs) != 2 {
		t.Fatalf("%+v, %v", in, err)
	}
	if m := SessionMinutes("23:59"); m != 23*60+59 {
		t.Fatalf("minutes %d", m)
	}
	for _, at := range []string{"24:00", "9:00", "09:60", "09:00:00", ""} {
		in := SessionInput{TandemID: 1, Date: "2027-03-01", StartTime: at, DurationMinutes: 60}
		if e := AsError(in.Validate()); e.Key != "session.time.invalid" {
			t.Errorf("%q: %v", at, e)
		}
	}
}

func TestFeedbackTalkInputValidate(t *testing.T) {
	in := FeedbackTalkInput{TandemID: 1, Kind: FeedbackFinal, Date: "2027-03-01",
		Answers: []FeedbackAnswer{{Prompt: " Was ist gut gelungen? ", MenteeView: "<i>viel</i>"}}}
	if err := in.Validate(); err != nil || in.Answers[0].Prompt != "Was ist gut gelungen?" {
		t.Fatalf("%+v, %v", in, err)
	}
	in.Answers[0].Prompt = ""
	if e := AsError(in.Validate()); e.Key != "text.required" || e.Field != "answers" {
		t.Fatalf("%v", e)
	}
	in = FeedbackTalkInput{TandemID: 1, Kind: "score", Date: "2027-03-01"}
	if e := AsError(in.Validate()); e.Key != "feedback.kind.invalid" {
		t.Fatalf("%v", e)
	}
}
