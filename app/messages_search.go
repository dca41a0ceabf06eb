package app

// Field labels of the search (issue 4). The search reuses the generic text
// messages (text.too_long, text.control, text.encoding), so it adds no keys.
func init() {
	fieldLabels["query"] = "Suchbegriff"
}
