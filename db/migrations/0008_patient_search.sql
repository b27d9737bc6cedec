-- Ankylos schema, version 8: the patient list finds a patient by any part of the clinic ID or of the
-- name, without regard to case or diacritics ("murphy", "120", "as-0001", "Jurgen" for Jürgen). The
-- key is the clinic ID and name folded by the program (storage/search_key.h: ICU folds what SQL cannot),
-- kept with the list's other derived figures and rewritten with them; the migrating transaction fills
-- it for the patients already stored. A search reads the 20,000 keys of a large clinic in a few
-- milliseconds, so it needs no index.

ALTER TABLE patient_summary ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
