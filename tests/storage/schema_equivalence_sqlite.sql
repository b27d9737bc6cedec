-- The schema of a SQLite database as lines a diff can compare with schema_equivalence_postgresql.sql's
-- (tests/storage/schema_equivalence): columns (position, type family, nullability, default), primary
-- keys, unique constraints and indexes (a NOCASE column as lower(column), its PostgreSQL equivalent)
-- and foreign keys with their ON DELETE action. A primary key column counts as NOT NULL (SQLite would
-- admit NULL in a TEXT primary key of a rowid table, a quirk PostgreSQL does not copy).
WITH tables AS (SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'),
keys AS (
    SELECT t.name AS tbl, c.name AS col, c.pk AS ord FROM tables t, pragma_table_info(t.name) c WHERE c.pk > 0
    ORDER BY 1, 3),
indexes AS (
    SELECT t.name AS tbl, l.name AS idx, l."unique" AS uniq, l.origin AS origin
    FROM tables t, pragma_index_list(t.name) l WHERE l.origin IN ('c', 'u')),
index_columns AS (
    SELECT i.tbl, i.idx, i.uniq, i.origin, x.seqno,
           CASE WHEN x.coll = 'NOCASE' THEN 'lower(' || x.name || ')' ELSE x.name END AS col
    FROM indexes i, pragma_index_xinfo(i.idx) x WHERE x.key = 1 ORDER BY i.idx, x.seqno)
SELECT 'column', t.name, c.cid + 1, c.name,
       CASE upper(c.type) WHEN 'INTEGER' THEN 'integer' WHEN 'REAL' THEN 'real' WHEN 'TEXT' THEN 'text'
                          WHEN 'BLOB' THEN 'bytes'
                          ELSE 'other ' || c.type END,
       CASE WHEN c."notnull" OR c.pk > 0 THEN 'not null' ELSE 'null' END, coalesce(c.dflt_value, '')
FROM tables t, pragma_table_info(t.name) c
UNION ALL
SELECT 'primary key', tbl, group_concat(col, ','), '', '', '', '' FROM keys GROUP BY tbl
UNION ALL
SELECT CASE WHEN origin = 'u' THEN 'unique' WHEN uniq THEN 'unique index ' || idx ELSE 'index ' || idx END,
       tbl, group_concat(col, ','), '', '', '', ''
FROM index_columns GROUP BY tbl, idx
UNION ALL
SELECT 'foreign key', t.name, f."from", f."table", f."to", f.on_delete, ''
FROM tables t, pragma_foreign_key_list(t.name) f;
