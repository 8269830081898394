-- 016: find a story by the URL it was fetched from.
-- An archive (sitemap, dated listing page) names items by URL only. A story
-- already loaded from a feed under the agency's guid must be recognised by
-- its URL, or a backfill would load it a second time under a URL identity
-- (etl/load/identities.py). A hash index: equality is all it serves, and it
-- takes URLs of any length (a btree entry holds at most ~2.7 kB).

SET search_path TO newswire, public;

CREATE INDEX story_url_hash_idx ON story USING hash (url);
