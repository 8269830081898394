"""Data-quality checks on what landed, run by the ``newswire_quality`` DAG.

The checks are SQL files in ``sql/quality`` (one question each, thresholds
as DAG params), run by Airflow's common-sql check operators against the
warehouse; every result, passed or failed, is kept in
``newswire.quality_check_result`` (view ``quality_checks``, ``newswire report``).
"""

from __future__ import annotations

from etl.load.database import PROJECT_ROOT

QUALITY_SQL_DIR = PROJECT_ROOT / "sql" / "quality"
