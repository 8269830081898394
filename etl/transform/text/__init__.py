"""Text dumps: a page as people save it (copy-paste, reader mode, wget -O text)."""
