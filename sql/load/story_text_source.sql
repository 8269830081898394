-- The text a story already has, when it is better than a feed's summary.
SELECT text_source FROM story WHERE agency = %(agency)s AND identity_key = %(identity_key)s
