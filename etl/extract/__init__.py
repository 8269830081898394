"""Extract stage: fetch feeds and pages over HTTP, read feeds into entries."""
