-- 007: the agency's closing sign-off (`Reporting by ...; Editing by ...`,
-- `(END)`, `==Kyodo`, editors' initials), kept apart from the body like the
-- byline. A sign-off is part of a story's content hash, so stories loaded
-- before this migration take theirs (as a new version) when next fetched or
-- reprocessed.

SET search_path TO newswire, public;

ALTER TABLE story ADD COLUMN signoff text;
