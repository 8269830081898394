-- How did the story :'agency' / :'identity_key' change? One row per version, oldest first.
--   psql "$DATABASE_URL" -v agency=Reuters -v identity_key='https://...' \
--        -f sql/reports/story_history.sql
SELECT
    version,
    seen_at,
    status,
    headline,
    is_current
FROM newswire.story_version_history
WHERE agency = :'agency'
  AND identity_key = :'identity_key'
ORDER BY version;
