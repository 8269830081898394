-- 017: what issue 8 needs to hold under faults.
-- * ingest_run: 'abandoned' (a run that stopped without closing: killed
--   process, lost connection; the next run of the source marks it, keeping
--   the counts it had committed), 'deferred' (items left for the next run:
--   over max_pages_per_feed, out of time budget, past a request deadline,
--   a Retry-After too long to wait), 'notes' (a truncated feed used, a feed
--   deferred). 'skipped' is items outside the window, nothing else.
-- * raw_document.requested_url: the URL asked for when redirects led
--   elsewhere; url is where the bytes came from. request_digest finds a
--   page by either.
-- * quarantine: one open row per (source, item, stage), with how many runs
--   met it, when last, and when it was resolved (the story loaded later).
-- * feed_backlog: a feed's items deferred to the next run.

SET search_path TO newswire, public;

ALTER TABLE ingest_run DROP CONSTRAINT ingest_run_status_check;
ALTER TABLE ingest_run ADD CONSTRAINT ingest_run_status_check
    CHECK (status IN ('running', 'success', 'failed', 'abandoned'));
ALTER TABLE ingest_run
    ADD COLUMN deferred integer NOT NULL DEFAULT 0,
    ADD COLUMN notes text;
COMMENT ON COLUMN ingest_run.skipped IS 'feed items outside the window';
COMMENT ON COLUMN ingest_run.deferred IS
    'items left for the next run (feed_backlog): over the page cap, out of time budget';
CREATE INDEX ingest_run_running_idx ON ingest_run (source) WHERE status = 'running';

ALTER TABLE raw_document
    ADD COLUMN requested_url text,
    ADD COLUMN request_digest bytea NOT NULL
        GENERATED ALWAYS AS (newswire.key_digest(coalesce(requested_url, url))) STORED;
CREATE INDEX raw_document_request_digest_idx ON raw_document (request_digest);

ALTER TABLE quarantine
    ADD COLUMN occurrences integer NOT NULL DEFAULT 1,
    ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_run_id bigint REFERENCES ingest_run (run_id),
    ADD COLUMN resolved_at timestamptz;
UPDATE quarantine SET last_run_id = run_id, last_seen_at = created_at;
-- Rows of one input and stage (they differed by raw_id) become one.
WITH ranked AS (
    SELECT quarantine_id,
           count(*) OVER w AS n,
           row_number() OVER (w ORDER BY created_at DESC, quarantine_id DESC) AS rn
    FROM quarantine
    WINDOW w AS (PARTITION BY source, url, stage)
), kept AS (
    UPDATE quarantine q SET occurrences = r.n
    FROM ranked r WHERE q.quarantine_id = r.quarantine_id AND r.rn = 1
)
DELETE FROM quarantine q USING ranked r WHERE q.quarantine_id = r.quarantine_id AND r.rn > 1;
DROP INDEX quarantine_input_uidx;
CREATE UNIQUE INDEX quarantine_open_uidx
    ON quarantine (source, newswire.key_digest(url), stage) WHERE resolved_at IS NULL;
CREATE INDEX quarantine_last_run_idx ON quarantine (last_run_id);

CREATE TABLE feed_backlog (
    feed_id      bigint      NOT NULL REFERENCES feed (feed_id),
    item_digest  bytea       NOT NULL,        -- key_digest of the item's link (else guid)
    item_url     text        NOT NULL,
    entry        jsonb       NOT NULL,        -- the feed item, as raw_document.feed_entry
    reason       text        NOT NULL
                 CHECK (reason IN ('over_cap', 'budget', 'deadline', 'retry_after')),
    position     integer     NOT NULL,        -- its place in the feed when deferred
    deferred_at  timestamptz NOT NULL DEFAULT now(),
    run_id       bigint REFERENCES ingest_run (run_id),
    PRIMARY KEY (feed_id, item_digest)
);
COMMENT ON TABLE feed_backlog IS
    'Feed items deferred to the next run of their source; taken first, oldest first';
