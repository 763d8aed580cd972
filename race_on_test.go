//go:build race

package llamacloud_test

// raceEnabled reports whether the test binary was built with -race; TestREADMESnippetsCompile
// then asks the go command for the export data of the race build, which is already in the
// build cache.
const raceEnabled = true
