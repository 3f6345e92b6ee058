"""Diagnostic codes of the Gen 2 (``resource.ts``) front end, to be merged into ``translator.core.codes``.

``G001``-``G011`` are problems Node would hit while loading the file (Amplify's ``[load]``
stage); ``G012``-``G032`` are the checks ``@aws-amplify/data-schema`` makes when it turns the
builders into a GraphQL schema (Amplify's ``[schema]`` stage), plus what its generated SDL could
not express. Transformer rules (``@hasMany`` on a required field, ``@default`` of the wrong type,
...) are checked later on the SchemaDocument and keep their ``E`` codes.
"""

from __future__ import annotations

from typing import Final

CODES: Final[dict[str, str]] = {
    "G001": "TypeScript syntax error",
    "G002": "value cannot be evaluated statically (environment, other packages, interpolation)",
    "G003": "name is not defined",
    "G004": "name used before its declaration",
    "G005": "JavaScript type error (not a function, property of undefined, ...)",
    "G006": "pre-release `a.allow` authorization syntax",
    "G007": "value imported from a missing local module is called",
    "G008": "the file throws an error while it is loaded",
    "G009": "invalid authorization provider",
    "G010": "imported name is not exported by the module",
    "G011": "no data definition (defineData call or exported schema) found",
    "G012": "model without authorization rules",
    "G013": "relationship without exactly one counterpart with the same references",
    "G014": "relationship reference field not defined on the related model",
    "G015": "relationship references do not match the parent's identifier",
    "G016": "relationship to something that is not a model",
    "G017": "a.ref to an undefined type, or to a model",
    "G018": "identifier field that is nullable or not a scalar",
    "G019": "secondary index key a.ref that is not an enum",
    "G020": "enum value containing whitespace",
    "G021": "name that is not a valid GraphQL name",
    "G022": "field conflicting with a field implied by authorization rules",
    "G023": ".default() without a value (database-generated) outside PostgreSQL",
    "G024": "custom operation without both authorization and handler, or with mixed handlers",
    "G025": "custom query or mutation without a return type",
    "G026": "invalid custom subscription source (.for())",
    "G027": "conversation route without owner authorization",
    "G028": "a.combine of schemas defining the same name",
    "G029": "two types with the same name (including hoisted inline enums and custom types)",
    "G030": "builder given a value of the wrong kind",
    "G031": "text that cannot be written into the generated GraphQL schema",
    "G032": "enum without values",
    "G033": "field named like a property every JavaScript object inherits (constructor, toString, ...)",
}
