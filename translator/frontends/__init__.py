"""Front ends: each turns one input language into a :class:`translator.document.SchemaDocument`."""
