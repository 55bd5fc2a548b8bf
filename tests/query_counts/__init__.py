"""At most 15 SQL queries on any public page, however many results it shows (issue 17)."""
