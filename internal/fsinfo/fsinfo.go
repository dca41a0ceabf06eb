// Package fsinfo tells facts about where a file lives that matter to SQLite.
package fsinfo

import "strings"

// IsNetworkPath reports whether path lies on a network file system: a UNC
// path (\\server\share), a mapped network drive on Windows, or an NFS/SMB
// mount on Linux. SQLite's locking is not reliable there.
func IsNetworkPath(path string) bool {
	p := strings.ReplaceAll(path, "/", `\`)
	if strings.HasPrefix(strings.ToUpper(p), `\\?\UNC\`) {
		return true
	}
	if strings.HasPrefix(p, `\\`) && !strings.HasPrefix(p, `\\?\`) && !strings.HasPrefix(p, `\\.\`) {
		return true
	}
	return onNetworkFS(path)
}
