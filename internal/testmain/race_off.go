//go:build !race

package testmain

// RaceEnabled reports whether the binary was built with -race.
const RaceEnabled = false
