"""Data files of svdesk (protocols, rules, cards, vocabularies, names, icons, translations).

A package only so that `importlib.resources.files("resources")` finds the same files in a source
tree, an installed wheel and a frozen build. Nothing here is code.
"""
