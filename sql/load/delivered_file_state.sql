-- What became of a delivered file (drop folder or listing), by its bytes:
-- 'landed' (raw row committed, not yet read), 'processed' or 'quarantined'.
SELECT state FROM delivered_file
WHERE source = %(source)s AND content_hash = %(content_hash)s
