-- 003: near-duplicate clusters across agencies.
-- A story's body is sketched (MinHash of word 3-shingles, see
-- etl/transform/near_duplicates.py); stories whose estimated similarity is
-- at least the stated threshold share a cluster_id: the smallest story_id
-- in the cluster. The merge queues every new or changed story in
-- story_sketch_pending; etl/load/clusters.py sketches and clusters the queue
-- after each merge batch. Nothing here touches the story rows themselves.

SET search_path TO newswire, public;

-- Stories whose sketch is missing or out of date, in merge order.
CREATE TABLE story_sketch_pending (
    story_id  bigint      PRIMARY KEY REFERENCES story (story_id),
    queued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE story_sketch (
    story_id       bigint      PRIMARY KEY REFERENCES story (story_id),
    cluster_id     bigint      NOT NULL,  -- smallest story_id of its cluster
    content_hash   text        NOT NULL,  -- the story content that was sketched
    sketch_version smallint    NOT NULL,  -- only sketches of one version compare
    signature      integer[]   NOT NULL,  -- MinHash values (signed 32-bit)
    band_keys      bigint[]    NOT NULL,  -- one key per LSH band
    sketched_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX story_sketch_cluster_idx ON story_sketch (cluster_id);
-- Candidates are stories sharing any band key: band_keys && ARRAY[...].
CREATE INDEX story_sketch_band_idx ON story_sketch USING gin (band_keys);

-- Estimated Jaccard similarity of two MinHash signatures: the share of
-- positions that agree.
CREATE FUNCTION minhash_similarity(a integer[], b integer[])
    RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT count(*) FILTER (WHERE x = y)::double precision / greatest(count(*), 1)
    FROM unnest(a, b) AS pair (x, y)
$$;
