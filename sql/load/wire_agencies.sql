-- Which of these agencies have stories that came as wire files: only their
-- page rows need looking for a wire twin (the partial index answers it).
SELECT DISTINCT agency FROM story
WHERE agency = ANY(%(agencies)s) AND agency_id IS NOT NULL
