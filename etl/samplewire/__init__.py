"""The bundled sample wire: agency feeds and article pages served on 127.0.0.1.

It is the offline default source, so ``make run`` and the tests need no
network. ``site/edition-1`` is the wire as first fetched; ``site/edition-2``
holds only the files that changed by a later fetch (an updated story).
"""
