-- 009: story text is compressed with lz4 where the server has it.
-- PostgreSQL compresses a row's wide values (TOAST) with pglz unless told
-- otherwise; pglz was half of the server's work in a COPY of wire stories
-- (perf, make bench). lz4 compresses and decompresses several times faster,
-- at a slightly lower ratio on wire copy (README "Load benchmark" has both).
-- The merge's staging tables take the codec declared here
-- (etl/load/story_merge.py), so each text is compressed once, in staging,
-- and the merge moves the compressed values into story and story_version as
-- they are. Values already stored keep their codec; both read the same.
-- A server built without lz4 (the pgserver wheel's) keeps pglz: nothing
-- else changes.

SET search_path TO newswire, public;

DO $$
DECLARE
    tables regclass[] := ARRAY['story'::regclass, 'story_version'::regclass]
        || ARRAY(SELECT inhrelid::regclass FROM pg_inherits
                 WHERE inhparent = 'story_version'::regclass);
    target regclass;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_settings
                   WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        RETURN;
    END IF;
    -- SET COMPRESSION on a partitioned table reaches no partition: each by name.
    FOREACH target IN ARRAY tables LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN headline SET COMPRESSION lz4, '
                       'ALTER COLUMN deck SET COMPRESSION lz4, '
                       'ALTER COLUMN body SET COMPRESSION lz4, '
                       'ALTER COLUMN body_blocks SET COMPRESSION lz4', target);
    END LOOP;
END
$$;

-- Months created from now on take their parent's codec too
-- (INCLUDING COMPRESSION); otherwise as in 004.
CREATE OR REPLACE FUNCTION ensure_month_partitions(
    parent regclass,
    from_time timestamptz DEFAULT now(),
    months_ahead integer DEFAULT 2
) RETURNS SETOF text
LANGUAGE plpgsql
AS $$
DECLARE
    parent_name text := (SELECT relname FROM pg_class WHERE oid = parent);
    parent_schema text := (SELECT relnamespace::regnamespace::text FROM pg_class WHERE oid = parent);
    key_column text;
    default_partition regclass;
    month_start timestamptz;
    month_end timestamptz;
    partition_name text;
BEGIN
    SELECT a.attname INTO STRICT key_column
    FROM pg_partitioned_table p
    JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
    WHERE p.partrelid = parent;
    SELECT i.inhrelid::regclass INTO default_partition
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';

    month_start := date_trunc('month', least(from_time, now()), 'UTC');
    WHILE month_start <= date_trunc('month', now(), 'UTC') + make_interval(months => months_ahead) LOOP
        month_end := month_start + interval '1 month';
        partition_name := format('%s_y%sm%s', parent_name,
                                 to_char(month_start AT TIME ZONE 'UTC', 'YYYY'),
                                 to_char(month_start AT TIME ZONE 'UTC', 'MM'));
        IF to_regclass(format('%I.%I', parent_schema, partition_name)) IS NULL THEN
            EXECUTE format('CREATE TABLE %I.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS '
                           'INCLUDING COMPRESSION)', parent_schema, partition_name, parent);
            IF default_partition IS NOT NULL THEN
                EXECUTE format(
                    'WITH moved AS (DELETE FROM %s WHERE %I >= %L AND %I < %L RETURNING *) '
                    'INSERT INTO %I.%I SELECT * FROM moved',
                    default_partition, key_column, month_start, key_column, month_end,
                    parent_schema, partition_name);
            END IF;
            EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                           parent, parent_schema, partition_name, month_start, month_end);
            RETURN NEXT partition_name;
        END IF;
        month_start := month_end;
    END LOOP;
END
$$;
