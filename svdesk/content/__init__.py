"""Content as validated data: protocol, rules, vocabularies, reference cards."""
