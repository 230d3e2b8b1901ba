"""The data model: dates, vocabularies, records and answers (the ground floor).

Nothing here reads files or answers queries; every floor above builds on these types.
"""
