-- Which of these locations (listing URLs) were already read to the end.
SELECT DISTINCT location FROM delivered_file
WHERE source = %(source)s AND location = ANY(%(locations)s) AND state <> 'landed'
