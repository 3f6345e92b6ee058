"""From evaluated builders to a :class:`SchemaDocument`, with data-schema's own checks."""
