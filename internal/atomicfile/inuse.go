package atomicfile

import (
	"errors"
	"os"
)

// InUse reports whether err is Windows refusing to replace a file that
// another program holds open (sharing violation or access denied on the
// rename). Elsewhere a rename replaces an open file, so it is never true.
func InUse(err error) bool {
	var le *os.LinkError
	return errors.As(err, &le) && inUseOS(le.Err)
}
