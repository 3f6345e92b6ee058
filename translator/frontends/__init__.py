"""Front ends: each turns one input language into a :class:`translator.core.document.SchemaDocument`."""
