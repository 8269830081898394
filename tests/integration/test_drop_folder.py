"""Drop folder on a real folder and a real PostgreSQL: raw first, read once, moved after commit."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import etl.channels.drop_folder
from etl.pipeline import ingest_source
from tests.integration.db_query import query as _query
from tests.integration.wire_files import BROKEN_NITF, DAY, drop_config, harbour

pytestmark = pytest.mark.integration


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def test_files_are_stored_raw_read_and_moved_aside(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "harbour-1.xml").write_bytes(harbour(1))
    (tmp_path / "broken.xml").write_bytes(BROKEN_NITF)
    (tmp_path / "budget.xml.part").write_bytes(harbour(1)[:200])  # still being uploaded
    (tmp_path / ".listing").write_text("ftp client state")

    result = ingest_source("dpa", DAY, config=drop_config(tmp_path), db_url=db_url)

    assert (result["new"], result["quarantined"], result["fetched"]) == (1, 1, 2)
    assert _names(tmp_path) == [".listing", "budget.xml.part"]
    assert _names(tmp_path / "processed") == ["harbour-1.xml"]
    assert _names(tmp_path / "quarantine") == ["broken.xml"]
    raw = _query(db_url, "SELECT kind, url FROM raw_document ORDER BY url")
    assert [kind for kind, _ in raw] == ["file", "file"]
    assert raw[0][1].endswith("/broken.xml") and raw[0][1].startswith("file://")
    ((stage, reason, raw_id),) = _query(db_url, "SELECT stage, reason, raw_id FROM quarantine")
    assert stage == "parse_wire"
    assert "XML" in reason
    assert raw_id is not None, "the broken file's bytes stay stored"
    ((headline, agency, agency_id, version, urgency, wire_format),) = _query(
        db_url,
        "SELECT headline, agency, agency_id, agency_version, urgency, wire_format FROM story",
    )
    assert (headline, agency, agency_id) == (
        "Dock workers strike at Hamburg port",
        "dpa",
        "dpa:20261119:eng-harbour-strike",
    )
    assert (version, urgency, wire_format) == (1, 4, "nitf")
    subjects = _query(db_url, "SELECT scheme, subject FROM stories_per_subject_day ORDER BY 1, 2")
    assert subjects == [("keyword", "hamburg"), ("keyword", "strikes"), ("subj", "subj:09000000")]
    states = _query(db_url, "SELECT state FROM delivered_file ORDER BY state")
    assert states == [("processed",), ("quarantined",)]


def test_the_same_bytes_delivered_again_are_not_read_twice(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "harbour-1.xml").write_bytes(harbour(1))
    ingest_source("dpa", DAY, config=drop_config(tmp_path), db_url=db_url)
    (tmp_path / "harbour-1-resent.xml").write_bytes(harbour(1))  # the agency resends it

    again = ingest_source("dpa", DAY, config=drop_config(tmp_path), db_url=db_url)

    assert (again["new"], again["updated"], again["fetched"], again["skipped"]) == (0, 0, 0, 1)
    assert _names(tmp_path) == []
    assert _names(tmp_path / "processed") == ["harbour-1-resent.xml", "harbour-1.xml"]
    assert _query(db_url, "SELECT count(*) FROM raw_document") == [(1,)]


def test_a_file_still_growing_is_left_for_the_next_run(db_url: str, tmp_path: Path) -> None:
    growing = tmp_path / "harbour-1.xml"
    data = harbour(1)
    growing.write_bytes(data[:300])

    def keep_writing() -> None:
        time.sleep(0.2)
        with growing.open("ab") as handle:
            handle.write(data[300:])

    writer = threading.Thread(target=keep_writing)
    writer.start()
    first = ingest_source(
        "dpa", DAY, config=drop_config(tmp_path, settle_seconds=0.6), db_url=db_url
    )
    writer.join()

    assert (first["fetched"], first["new"], first["quarantined"]) == (0, 0, 0)
    assert _names(tmp_path) == ["harbour-1.xml"]
    second = ingest_source("dpa", DAY, config=drop_config(tmp_path), db_url=db_url)
    assert (second["fetched"], second["new"]) == (1, 1)


def test_a_file_moves_only_after_its_stories_are_committed(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "harbour-1.xml").write_bytes(harbour(1))

    def lost_connection(*args: object, **kwargs: object) -> None:
        raise ConnectionError("server closed the connection unexpectedly")

    monkeypatch.setattr(etl.channels.drop_folder, "merge_in_order", lost_connection)
    with pytest.raises(ConnectionError):
        ingest_source("dpa", DAY, config=drop_config(tmp_path), db_url=db_url)
    assert _names(tmp_path) == ["harbour-1.xml"], "not moved: its stories were not loaded"
    assert _query(db_url, "SELECT state FROM delivered_file") == [("landed",)]
    assert _query(db_url, "SELECT count(*) FROM raw_document") == [(1,)], "stored raw first"

    monkeypatch.undo()
    retry = ingest_source("dpa", DAY, config=drop_config(tmp_path), db_url=db_url)
    assert retry["new"] == 1
    assert _names(tmp_path / "processed") == ["harbour-1.xml"]
    assert _query(db_url, "SELECT state FROM delivered_file") == [("processed",)]
    assert _query(db_url, "SELECT count(*) FROM raw_document") == [(1,)]


def test_a_missing_folder_fails_the_run_for_a_retry(db_url: str, tmp_path: Path) -> None:
    from etl.errors import TransientError

    with pytest.raises(TransientError, match="does not exist"):
        ingest_source("dpa", DAY, config=drop_config(tmp_path / "unmounted"), db_url=db_url)
