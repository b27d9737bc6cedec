-- Ankylos schema, version 10: a patient whose name is written in Han characters is found by its pinyin,
-- without tones: 王小明 by "wang", "xiaoming", "wang xiao ming" and "wxm" (storage/search_key.h). The
-- program spells the name from the Unihan readings it carries (storage/han_pinyin.h) and keeps the
-- spellings in search_key ("wangxiaoming"); the initials ("wxm") get a column of their own, matched by
-- the whole of what was typed, so that "wang w" still finds Wang Wei and not every Wang. The migrating
-- transaction rewrites every patient's row, which gives the keys already stored their pinyin.

ALTER TABLE patient_summary ADD COLUMN search_initials TEXT NOT NULL DEFAULT '';
