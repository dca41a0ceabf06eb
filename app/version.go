package app

import "encoding/json"

// ProjectVersion is info.productVersion of wails.json, the one place the
// version is kept: the exe's version resource, the installer, the MSI and
// --version all take it from there.
func ProjectVersion(wailsJSON []byte) string {
	var project struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	if json.Unmarshal(wailsJSON, &project) != nil || project.Info.ProductVersion == "" {
		return "unbekannt"
	}
	return project.Info.ProductVersion
}
