"""Relationship processing of model building: which fields connect each relationship field
(a port of appsync-modelgen-plugin's ``processConnectionsV2`` and its helpers, target
``introspection``)."""

from __future__ import annotations

from translator.core.names import foreign_key_name
from translator.model.building import BuildError, WConnection, WDirective, WField, WModel, as_list


def fk_name(model: str, field: str | None, component: str = "id") -> str:
    """modelgen's ``makeConnectionAttributeName``."""
    return foreign_key_name(model, field, component) if field else foreign_key_name(model, component)


_RELATIONSHIPS = frozenset({"hasOne", "hasMany", "belongsTo"})


def process_connection(
    field: WField, model: WModel, models: dict[str, WModel], cpk: bool
) -> WConnection | None:
    """The connection of ``field`` per its first ``@hasOne``/``@hasMany``/``@belongsTo``."""
    if not field.directives:
        return None  # most fields: asked of every field of every model
    directive = next((d for d in field.directives if d.name in _RELATIONSHIPS), None)
    if directive is None:
        return None
    other = models.get(field.type)
    if other is None:
        raise BuildError("E030", f"@{directive.name} on {model.name}.{field.name} must point at a model",
                         directive.span)
    if directive.name == "hasOne":
        return _has_one(field, model, other, directive, cpk)
    if directive.name == "belongsTo":
        return _belongs_to(field, model, other, directive, cpk)
    return _has_many(field, model, other, directive, cpk)


def _has_many(field: WField, model: WModel, other: WModel, directive: WDirective, cpk: bool) -> WConnection:
    if not field.is_list:
        raise BuildError("E028", "a field with @hasMany must be a list", directive.span)
    references = as_list(directive.args.get("references"))
    if references:
        _connected_field_for_references(field, model, other, directive)
        return WConnection("HAS_MANY", other, _existing(other, references))
    if cpk:
        fields = _connected_fields_for_has_many(field, model, other, directive)
    else:
        fields = [connected_field_v2(field, model, other, directive)]
    return WConnection("HAS_MANY", other, fields)


def _has_one(field: WField, model: WModel, other: WModel, directive: WDirective, cpk: bool) -> WConnection:
    back = _other_side_belongs_to(model.name, other)
    if field.is_list or (back is not None and back.is_list):
        raise BuildError("E037", "a @hasOne relationship is 1:1 and cannot use lists", directive.span)
    references = as_list(directive.args.get("references"))
    if references:
        _connected_field_for_references(field, model, other, directive)
        return WConnection("HAS_ONE", other, _existing(other, references))
    if cpk:
        # Introspection asks for the child's key fields here, not its @belongsTo field.
        associated = other.primary_key_components()
    else:
        associated = [connected_field_v2(field, model, other, directive)]
    fields = as_list(directive.args.get("fields"))
    if fields:
        targets = [str(f) for f in fields]
    elif cpk:
        targets = [fk_name(model.name, field.name, c.name) for c in other.primary_key_components()]
    else:
        targets = [fk_name(model.name, field.name)]
    return WConnection("HAS_ONE", other, associated, targets)


def _belongs_to(field: WField, model: WModel, other: WModel, directive: WDirective, cpk: bool) -> WConnection:
    if field.is_list:
        raise BuildError("E039", "a list field does not support @belongsTo", directive.span)
    candidates = belongs_to_candidates(model, other)
    if not candidates:
        raise BuildError("E040", f"{other.name} must have a @hasOne or @hasMany field of type "
                         f"{model.name} for @belongsTo to match", directive.span)
    references = as_list(directive.args.get("references"))
    if references:
        _connected_field_for_references(field, model, other, directive)
    counterpart = candidates[0] if cpk else connected_field_v2(field, model, other, directive)
    targets = [str(f) for f in [*as_list(directive.args.get("fields")), *references]]
    if not targets:
        if counterpart.is_list:
            base = (other.name, counterpart.name)
        else:
            base = (model.name, field.name)
        if cpk:
            targets = [fk_name(*base, c.name) for c in other.primary_key_components()]
        else:
            targets = [fk_name(*base)]
    return WConnection("BELONGS_TO", other, [], targets, is_using_references=bool(references))


def _existing(model: WModel, names: list[str]) -> list[WField]:
    fields = [model.field(str(name)) for name in names]
    return [f for f in fields if f is not None]


def belongs_to_candidates(model: WModel, other: WModel) -> list[WField]:
    """Fields of ``other`` that a ``@belongsTo`` to it from ``model`` can pair with."""
    found: list[WField] = []
    for directive in other.field_directives():
        connected = other.field(directive.field_name)
        if connected is None or connected.type != model.name:
            continue
        if (directive.name == "hasOne" and not connected.is_list) or (
            directive.name == "hasMany" and connected.is_list
        ):
            found.append(connected)
    return found


def _other_side_belongs_to(type_name: str, other: WModel) -> WField | None:
    return next(
        (f for f in other.fields if f.type == type_name and f.directive("belongsTo") is not None),
        None,
    )


def _connected_fields_for_has_many(
    field: WField, model: WModel, other: WModel, directive: WDirective
) -> list[WField]:
    if directive.args.get("fields") is not None:
        return [_connected_key_field(model, other, directive, ("belongsTo",))]
    result: list[WField] = []
    for component in model.primary_key_components():
        name = fk_name(model.name, field.name, component.name)
        existing = other.field(name)
        result.append(existing or WField(name, component.type, True, False))
    return result


def _connected_key_field(
    model: WModel, other: WModel, directive: WDirective, pairing_kinds: tuple[str, ...]
) -> WField:
    """The child field a relationship with ``fields`` connects through: the field of the named
    ``@index`` (or of ``@primaryKey``, else the back-pointing ``@belongsTo``, else ``id``), or the
    relationship field on the child whose ``fields`` start with it."""
    index_name = directive.args.get("indexName")
    key_directive: WDirective | None
    if index_name:
        key_directive = next(
            (d for d in other.field_directives() if d.name == "index" and d.args.get("name") == index_name), None
        )
        if key_directive is None:
            raise BuildError("E031", f"@index {index_name!r} was not found in {other.name}", directive.span)
    else:
        key_directive = next((d for d in other.field_directives() if d.name == "primaryKey"), None)
    if key_directive is not None:
        name = key_directive.field_name
    else:
        back = _other_side_belongs_to(model.name, other)
        name = back.name if back else "id"
    paired = _belongs_to_with_first_field(model.name, other, name, pairing_kinds)
    if paired is not None:
        return paired
    found = other.field(name)
    if found is None:
        raise BuildError("E032", f"cannot find key field {name} in {other.name}", directive.span)
    return found


def _belongs_to_with_first_field(
    type_name: str, other: WModel, first: str, kinds: tuple[str, ...]
) -> WField | None:
    for candidate in other.fields:
        if candidate.type != type_name:
            continue
        for d in candidate.directives:
            fields = d.args.get("fields")
            if d.name in kinds and fields is not None and as_list(fields)[:1] == [first]:
                return candidate
    return None


def connected_field_v2(field: WField, model: WModel, other: WModel, directive: WDirective) -> WField:
    """modelgen's ``getConnectedFieldV2`` (used when CPK mode is off)."""
    if directive.name == "belongsTo":
        candidates = belongs_to_candidates(model, other)
        if len(candidates) == 1:
            return candidates[0]
    if directive.args.get("fields") is not None or directive.name == "hasOne":
        return _connected_key_field(model, other, directive, ("belongsTo", "hasOne", "hasMany"))
    name = fk_name(model.name, field.name)
    return other.field(name) or WField(name, "ID", True, False)


def _connected_field_for_references(
    field: WField, model: WModel, other: WModel, directive: WDirective
) -> None:
    references = [str(r) for r in as_list(directive.args.get("references"))]
    if directive.args.get("fields") is not None:
        raise BuildError("E035", "'fields' and 'references' cannot be used together", directive.span)
    if directive.name == "belongsTo":
        for candidate in belongs_to_candidates(model, other):
            for d in candidate.directives:
                written = [str(r) for r in as_list(d.args.get("references"))]
                if d.name in ("hasOne", "hasMany") and written == references:
                    return
        raise BuildError("E036", f"@belongsTo on {model.name}.{field.name}: no @hasOne or @hasMany with "
                         f"references {references} in {other.name}", directive.span)
    for d in other.field_directives():
        if d.args.get("references") is not None and [str(r) for r in as_list(d.args.get("references"))] == references:
            return
    raise BuildError("E036", f"@{directive.name} on {model.name}.{field.name}: no @belongsTo with "
                     f"references {references} in {other.name}", directive.span)
