"""Pure transforms: bytes/text in, stories out; no network, no database."""
