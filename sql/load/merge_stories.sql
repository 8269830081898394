-- One upsert per batch: a story is inserted, or updated when its content hash
-- changed; each one inserted or changed gets a story_version row, a new one
-- its media and subjects, and both queues (near-duplicate sketch, search document) a note.
-- The search queue's DO UPDATE (not NOTHING) locks a row already queued, so a
-- concurrent refresh skips it (SKIP LOCKED) instead of indexing the story
-- before this merge commits.
WITH merged AS (
    INSERT INTO story AS s (
        agency, identity_key, guid, url, headline, deck, body, body_blocks, byline, signoff,
        dateline_raw, dateline_place, dateline_region, dateline_month, dateline_day,
        dateline_year, dateline_agency, language, published_at, content_hash,
        current_version, first_seen_at, last_changed_at, raw_id, status, killed, killed_at,
        text_source, place_name, place_region, place_country, place_geonames_id,
        place_latitude, place_longitude, agency_id, agency_version, first_created,
        version_created, pub_status, urgency, embargo_until, signals, edit_notes, wire_format
    )
    SELECT agency, identity_key, guid, url, headline, deck, body, body_blocks, byline, signoff,
           dateline_raw, dateline_place, dateline_region, dateline_month, dateline_day,
           dateline_year, dateline_agency, language, published_at, content_hash,
           1, seen_at, seen_at, raw_id, status, killed, CASE WHEN killed THEN seen_at END,
           text_source, place_name, place_region, place_country, place_geonames_id,
           place_latitude, place_longitude, agency_id, agency_version, first_created,
           version_created, pub_status, urgency, embargo_until, signals, edit_notes, wire_format
    FROM story_stage
    ON CONFLICT (agency, identity_digest) DO UPDATE SET
        guid = EXCLUDED.guid,
        url = EXCLUDED.url,
        headline = EXCLUDED.headline,
        deck = EXCLUDED.deck,
        body = EXCLUDED.body,
        body_blocks = EXCLUDED.body_blocks,
        byline = EXCLUDED.byline,
        signoff = EXCLUDED.signoff,
        dateline_raw = EXCLUDED.dateline_raw,
        dateline_place = EXCLUDED.dateline_place,
        dateline_region = EXCLUDED.dateline_region,
        dateline_month = EXCLUDED.dateline_month,
        dateline_day = EXCLUDED.dateline_day,
        dateline_year = EXCLUDED.dateline_year,
        dateline_agency = EXCLUDED.dateline_agency,
        language = EXCLUDED.language,
        published_at = COALESCE(EXCLUDED.published_at, s.published_at),
        content_hash = EXCLUDED.content_hash,
        current_version = s.current_version + 1,
        last_changed_at = EXCLUDED.last_changed_at,
        raw_id = EXCLUDED.raw_id,
        status = EXCLUDED.status,
        killed = s.killed OR EXCLUDED.killed,
        killed_at = coalesce(s.killed_at,
                             CASE WHEN EXCLUDED.killed THEN EXCLUDED.last_changed_at END),
        text_source = EXCLUDED.text_source,
        place_name = EXCLUDED.place_name,
        place_region = EXCLUDED.place_region,
        place_country = EXCLUDED.place_country,
        place_geonames_id = EXCLUDED.place_geonames_id,
        place_latitude = EXCLUDED.place_latitude,
        place_longitude = EXCLUDED.place_longitude,
        agency_id = coalesce(EXCLUDED.agency_id, s.agency_id),
        agency_version = coalesce(EXCLUDED.agency_version, s.agency_version),
        first_created = coalesce(s.first_created, EXCLUDED.first_created),
        version_created = EXCLUDED.version_created,
        pub_status = EXCLUDED.pub_status,
        urgency = EXCLUDED.urgency,
        embargo_until = EXCLUDED.embargo_until,
        signals = EXCLUDED.signals,
        edit_notes = EXCLUDED.edit_notes,
        wire_format = EXCLUDED.wire_format
    -- A new version: new content, a higher agency version, or a correction with
    -- new notes; never an agency version older than the one stored (a late file),
    -- and once the agency's own file is stored, a page of the story no longer
    -- overwrites it (migration 013).
    WHERE (s.content_hash IS DISTINCT FROM EXCLUDED.content_hash
           OR EXCLUDED.agency_version > s.agency_version
           OR (EXCLUDED.status = 'corrected'
               AND EXCLUDED.edit_notes IS DISTINCT FROM s.edit_notes))
      AND NOT coalesce(EXCLUDED.agency_version < s.agency_version, false)
      AND NOT (s.wire_format IS NOT NULL AND EXCLUDED.wire_format IS NULL)
    RETURNING s.story_id, s.agency, s.identity_digest, s.current_version, s.killed,
              (s.xmax = 0) AS inserted
), versions AS (
    INSERT INTO story_version (
        story_id, version, content_hash, headline, deck, body, body_blocks, seen_at, raw_id,
        status, killed, text_source, place_name, place_region, place_country,
        place_geonames_id, place_latitude, place_longitude, agency_id, agency_version,
        first_created, version_created, pub_status, urgency, embargo_until, signals,
        edit_notes, wire_format
    )
    SELECT m.story_id, m.current_version, i.content_hash, i.headline, i.deck, i.body,
           i.body_blocks, i.seen_at, i.raw_id, i.status, m.killed, i.text_source,
           i.place_name, i.place_region, i.place_country, i.place_geonames_id,
           i.place_latitude, i.place_longitude, i.agency_id, i.agency_version,
           i.first_created, i.version_created, i.pub_status, i.urgency, i.embargo_until,
           i.signals, i.edit_notes, i.wire_format
    FROM merged m JOIN story_stage i USING (agency, identity_digest)
), new_media AS (
    INSERT INTO story_media (story_id, position, caption, credit, url, media_type)
    SELECT m.story_id, sm.position, sm.caption, sm.credit, sm.url, sm.media_type
    FROM merged m JOIN story_media_stage sm USING (agency, identity_digest)
    WHERE m.inserted
), new_subjects AS (
    INSERT INTO story_subject (story_id, position, name, code, scheme)
    SELECT m.story_id, ss.position, ss.name, ss.code, ss.scheme
    FROM merged m JOIN story_subject_stage ss USING (agency, identity_digest)
    WHERE m.inserted
), sketch_queue AS (
    INSERT INTO story_sketch_pending (story_id)
    SELECT story_id FROM merged
    ON CONFLICT (story_id) DO NOTHING
), search_queue AS (
    INSERT INTO story_search_pending AS p (story_id)
    SELECT story_id FROM merged
    ON CONFLICT (story_id) DO UPDATE SET queued_at = EXCLUDED.queued_at
)
SELECT story_id, inserted, killed FROM merged
