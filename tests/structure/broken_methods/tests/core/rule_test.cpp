// Tests may cite clinical-rules.md 1.3: the outside check reads only what users and reviewers read.
