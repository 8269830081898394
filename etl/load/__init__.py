"""Load stage: the warehouse connection, migrations, raw landing and the story merge."""
