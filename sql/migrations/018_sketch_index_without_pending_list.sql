-- 018: near-duplicate candidates are looked up in the GIN index on band keys
-- right after each merge batch inserted its sketches. With GIN's fast update
-- on, those inserts wait in the index's pending list, and every lookup scans
-- the whole list: at 2,000 stories a feed the candidate query of one batch
-- took 20 s instead of 0.15 s (measured, tests/bench/bench_scale.py). The
-- index is updated in place instead; the list it holds now is merged.

SET search_path TO newswire, public;

ALTER INDEX story_sketch_band_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('story_sketch_band_idx');
