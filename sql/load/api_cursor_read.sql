-- Where a content API source stopped last time: the next page to ask for.
SELECT next_page FROM api_cursor WHERE source = %(source)s
