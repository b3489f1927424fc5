"""MkDocs glue: generated glossary pages inside the build, validation before it."""
