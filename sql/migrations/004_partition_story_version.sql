-- 004: story_version, which grows with every change of every story, becomes
-- range-partitioned by month of seen_at. ensure_month_partitions() creates
-- the months ahead; `newswire db migrate` (the DAG's first task) runs it, so
-- a partition always exists before its first row. Rows outside every month
-- partition land in story_version_default and are moved out by the next run.
-- raw_document stays one table for now: see README "Growth" for its plan.

SET search_path TO newswire, public;

-- Create the monthly partitions of `parent` from the month of `from_time`
-- through `months_ahead` months after the current one, moving any rows its
-- DEFAULT partition holds for a new month into that month. Idempotent.
-- Returns the names of the partitions it created.
CREATE FUNCTION ensure_month_partitions(
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
            EXECUTE format('CREATE TABLE %I.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                           parent_schema, partition_name, parent);
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

ALTER TABLE story_version RENAME TO story_version_unpartitioned;
ALTER TABLE story_version_unpartitioned
    RENAME CONSTRAINT story_version_pkey TO story_version_unpartitioned_pkey;

CREATE TABLE story_version (
    LIKE story_version_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    -- seen_at is the partition key, so it is part of the key; (story_id,
    -- version) stays unique because only the merge adds versions, under the
    -- story row's lock.
    PRIMARY KEY (story_id, version, seen_at),
    FOREIGN KEY (story_id) REFERENCES story (story_id),
    FOREIGN KEY (raw_id) REFERENCES raw_document (raw_id)
) PARTITION BY RANGE (seen_at);
CREATE TABLE story_version_default PARTITION OF story_version DEFAULT;

SELECT ensure_month_partitions(
    'story_version', coalesce((SELECT min(seen_at) FROM story_version_unpartitioned), now())
);
INSERT INTO story_version SELECT * FROM story_version_unpartitioned;
DROP TABLE story_version_unpartitioned;
