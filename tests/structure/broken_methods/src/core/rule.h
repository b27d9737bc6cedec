// The spec lives in ../shared/spec; the help says "(methods 1.9)".
// Sections docs/methods.md 1.3-1.7 are cited as a range.
