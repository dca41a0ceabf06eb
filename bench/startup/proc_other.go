//go:build !linux

package main

import (
	"os"
	"syscall"
)

// The benchmark needs Xvfb and so runs on Linux; elsewhere it only compiles.

func newProcessGroup() *syscall.SysProcAttr { return nil }

func terminate(p *os.Process) { p.Kill() }

func killGroup(*os.Process) {}
