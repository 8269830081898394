-- 006: full-text indexing off the load's hot path.
-- The GIN expression index on story (005's story_search_idx) made every
-- merged row pay for three to_tsvector calls and a GIN insert: over half the
-- merge's time. Search documents now live in their own table, refreshed
-- set-based after the merge, the way a search engine refreshes: the merge
-- only queues the stories it inserts or changes (story_search_pending, as it
-- does for sketches), and etl/load/search_index.py works the queue off at the
-- end of every source run. The story_search view reads this table.

SET search_path TO newswire, public;

DROP INDEX story_search_idx;

-- One search document per live story: headline (A), deck (B), body (C) in
-- the story's language (story_search_vector), computed from the content
-- whose hash is indexed_hash. Killed stories have none.
CREATE TABLE story_search_document (
    story_id     bigint   PRIMARY KEY REFERENCES story (story_id),
    document     tsvector NOT NULL,
    indexed_hash text     NOT NULL   -- story.content_hash the document was made from
);

-- Stories whose search document is missing, out of date or to be dropped (a kill).
CREATE TABLE story_search_pending (
    story_id  bigint      PRIMARY KEY REFERENCES story (story_id),
    queued_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO story_search_document (story_id, document, indexed_hash)
SELECT story_id, story_search_vector(language, headline, deck, body), content_hash
FROM story
WHERE NOT killed;

-- story_search: the GIN index its `document` column is matched against.
CREATE INDEX story_search_idx ON story_search_document USING gin (document);
