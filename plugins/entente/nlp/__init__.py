"""spaCy pipeline and its components: actors, timexes, events."""
