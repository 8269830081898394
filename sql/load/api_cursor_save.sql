-- Advance a content API source's cursor (in the transaction that loaded the page's items).
INSERT INTO api_cursor AS c (source, next_page, pages_read, updated_at)
VALUES (%(source)s, %(next_page)s, 1, now())
ON CONFLICT (source) DO UPDATE SET
    next_page = EXCLUDED.next_page,
    pages_read = c.pages_read + 1,
    updated_at = EXCLUDED.updated_at
