-- The schema of a PostgreSQL database (its current schema) as the lines schema_equivalence_sqlite.sql
-- writes for SQLite: see there. Types map to SQLite's families (bigint -> integer, double precision ->
-- real, text COLLATE "C" -> text, as SQLite's BINARY compares; bytea -> bytes, as BLOB); defaults lose their
-- casts ('x'::text -> 'x').
-- A server database's own tables have no SQLite counterpart: its identity (ankylos_database) and the key
-- of its researchers' views (research_key, 0006_roles.sql).
WITH tables AS (
    SELECT c.oid, c.relname FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
      AND c.relname NOT IN ('ankylos_database', 'research_key')),
constraint_columns AS (
    SELECT k.oid, k.contype, k.conrelid, k.confrelid, k.confdeltype, k.conindid, u.attnum, u.ord,
           f.attnum AS fattnum
    FROM pg_constraint k
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
    LEFT JOIN LATERAL unnest(k.confkey) WITH ORDINALITY f(attnum, ord) ON f.ord = u.ord
    WHERE k.conrelid IN (SELECT oid FROM tables)),
indexes AS (
    SELECT t.relname AS tbl, ic.relname AS idx, i.indisunique AS uniq, i.indexrelid, i.indnkeyatts,
           i.indkey, i.indoption,
           EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype = 'u') AS is_constraint
    FROM pg_index i JOIN tables t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE NOT i.indisprimary)
SELECT 'column', c.table_name::text, c.ordinal_position::text, c.column_name::text,
       CASE WHEN c.data_type IN ('bigint', 'integer', 'smallint') THEN 'integer'
            WHEN c.data_type IN ('double precision', 'real') THEN 'real'
            WHEN c.data_type = 'bytea' THEN 'bytes'
            WHEN c.data_type = 'text' AND c.collation_name = 'C' THEN 'text'
            WHEN c.data_type = 'text' THEN 'text collate ' || coalesce(c.collation_name, 'default')
            ELSE 'other ' || c.data_type END,
       CASE WHEN c.is_nullable = 'NO' THEN 'not null' ELSE 'null' END,
       coalesce(regexp_replace(c.column_default, '::(text|bigint|integer|double precision|numeric)$', ''), '')
FROM information_schema.columns c
WHERE c.table_schema = current_schema() AND c.table_name IN (SELECT relname FROM tables)
UNION ALL
SELECT 'primary key', t.relname::text, string_agg(a.attname, ',' ORDER BY k.ord), '', '', '', ''
FROM constraint_columns k JOIN tables t ON t.oid = k.conrelid
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.attnum
WHERE k.contype = 'p' GROUP BY t.relname
UNION ALL
SELECT CASE WHEN is_constraint THEN 'unique' WHEN uniq THEN 'unique index ' || idx ELSE 'index ' || idx END,
       tbl::text, (SELECT string_agg(pg_get_indexdef(i.indexrelid, n, true) || nulls_differ, ',' ORDER BY n)
                   FROM generate_series(1, i.indnkeyatts) n
                   CROSS JOIN LATERAL (SELECT i.indkey[n - 1] AS attnum, i.indoption[n - 1] AS opt) o
                   CROSS JOIN LATERAL (
                       -- SQLite's order puts NULL first ascending, last descending; flag a nullable
                       -- column a PostgreSQL index orders otherwise (it would not serve the same sort).
                       SELECT CASE WHEN o.attnum <> 0 AND NOT is_constraint AND NOT a.attnotnull
                                        AND (o.opt & 1 = 0) = (o.opt & 2 = 0)
                                   THEN ' (nulls sort unlike SQLite)' ELSE '' END AS nulls_differ
                       FROM pg_index x LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = o.attnum
                       WHERE x.indexrelid = i.indexrelid) d), '', '', '', ''
FROM indexes i
UNION ALL
SELECT 'foreign key', t.relname::text, a.attname::text, r.relname::text, fa.attname::text,
       CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                          WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END, ''
FROM constraint_columns k JOIN tables t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.attnum
JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.fattnum
WHERE k.contype = 'f';
