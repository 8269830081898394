-- Candidates share a band key, then must agree on enough signature positions and
-- be published close enough. Each staged sketch looks its band keys up in the GIN
-- index, and each candidate pair its two stories' times by primary key: work in
-- proportion to the batch and its candidates, never to the stories stored. The
-- planner is held to that (``_edges``: no sequential scan where an index serves,
-- no JIT for a statement of milliseconds), because on statistics that believe
-- story_sketch small (never analysed: a new warehouse, autovacuum off or behind)
-- it compares every staged sketch with every stored one instead: 11 s for 2,000
-- stories against 2,000 (tests/bench/bench_scale.py).
WITH candidate AS MATERIALIZED (
    SELECT n.story_id AS new_id, o.story_id AS old_id, o.cluster_id
    FROM sketch_stage n
    JOIN story_sketch o
      ON o.band_keys && n.band_keys AND o.story_id <> n.story_id
     AND o.sketch_version = %(version)s
    WHERE minhash_similarity(n.signature, o.signature) >= %(threshold)s
)
SELECT c.new_id, c.old_id, c.cluster_id
FROM candidate c
WHERE abs(extract(epoch FROM
          (SELECT coalesce(s.published_at, s.first_seen_at) FROM story s
           WHERE s.story_id = c.old_id)
        - (SELECT coalesce(s.published_at, s.first_seen_at) FROM story s
           WHERE s.story_id = c.new_id))) <= %(window)s
