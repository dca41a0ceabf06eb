package main

import (
	"os"
	"syscall"
)

// newProcessGroup puts an app in a process group of its own, so that the
// WebKit helpers it starts can be ended with it.
func newProcessGroup() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// terminate asks p to end, as closing the session would.
func terminate(p *os.Process) { p.Signal(syscall.SIGTERM) }

// killGroup kills whatever is left of p's process group.
func killGroup(p *os.Process) { syscall.Kill(-p.Pid, syscall.SIGKILL) }
