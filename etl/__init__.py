"""newswire: fetch wire stories, strip boilerplate, normalise datelines, load into PostgreSQL.

Stages follow the data flow: ``extract`` (fetch, feeds), ``transform`` (clean,
dateline, agencies: pure functions), ``load`` (raw landing, story merge).
"""

__version__ = "0.1.0"
