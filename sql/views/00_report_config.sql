-- report_config: in which timezone do the reports count days?
-- One row. `newswire db migrate` writes the sources config's timezone into
-- newswire.setting; every view's `day` is a date in this timezone.
DROP VIEW IF EXISTS newswire.report_config CASCADE;

CREATE VIEW newswire.report_config AS
SELECT coalesce(
           (SELECT value FROM newswire.setting WHERE key = 'timezone'),
           'UTC'
       ) AS timezone;

COMMENT ON VIEW newswire.report_config IS
    'In which timezone do the reports count days? (one row; from the sources config)';
GRANT SELECT ON newswire.report_config TO newswire_reader;
