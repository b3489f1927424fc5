"""Pure exporters: the glossary model → text in exchange formats for other tools."""
