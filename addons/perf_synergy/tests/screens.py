"""The server calls the web client makes to open a screen, with the field specifications it
derives from the screen's view.

Shared by the screen query-count tests (``test_screen_query_counts.py``) and the scale
benchmark of the screens (``tests/benchmarks/bench_screens.py``), so that both measure the
same calls. A specification is built from the view the user gets (``get_views``: fields the
user's groups hide are already gone) the way the web client builds it
(``web/static/src/model/relational_model/utils.js:getFieldsSpec``): every ``<field>`` of the
view's level, a many2one with its ``display_name``, an x2many with the fields of its inline
sub-view (limit 40, the client's default) or, with a tag widget, its ``display_name``, and the
fields a widget depends on (``kanban_activity``). Forms add ``display_name``.
"""

from lxml import etree

X2MANY_LIMIT = 40
LIST_LIMIT = 80
KANBAN_LIMIT = 40
COUNT_LIMIT = 10001

# Fields a widget reads on the record besides its own (fieldDependencies in the client).
WIDGET_DEPENDENCIES = {
    "kanban_activity": {
        "activity_exception_decoration": {},
        "activity_exception_icon": {},
        "activity_state": {},
        "activity_summary": {},
        "activity_type_icon": {},
        "activity_type_id": {"fields": {"display_name": {}}},
    },
}
TAG_WIDGETS = ("many2many_tags", "many2many_tags_avatar", "many2many_avatar_user")


def _merge(spec, name, field_spec):
    if name in spec and "fields" in spec[name] and "fields" in field_spec:
        spec[name]["fields"].update(field_spec["fields"])
    else:
        spec.setdefault(name, {}).update(field_spec)


def _level_fields(node):
    """The ``<field>`` nodes of ``node``'s level (not those of an x2many's sub-views)."""
    level = int(node.xpath("count(ancestor-or-self::field)"))
    return node.xpath(f".//field[count(ancestor::field) = {level}]")


def spec_of(node, model, models_info):
    """Web client specification of the fields of the view ``node`` on ``model``."""
    fields_info = models_info[model._name]["fields"]
    spec = {}
    for field_node in _level_fields(node):
        name = field_node.get("name")
        info = fields_info.get(name)
        if info is None:
            continue
        ftype = info["type"]
        widget = field_node.get("widget")
        field_spec = {}
        if ftype in ("many2one", "reference"):
            field_spec = {"fields": {"display_name": {}}}
        elif ftype in ("one2many", "many2many"):
            subviews = [child for child in field_node if child.tag in ("list", "kanban")]
            if widget in TAG_WIDGETS:
                field_spec = {"fields": {"display_name": {}}}
            elif subviews:
                sub = subviews[0]
                field_spec = {
                    "fields": spec_of(sub, model.env[info["relation"]], models_info),
                    "limit": int(sub.get("limit") or X2MANY_LIMIT),
                }
        _merge(spec, name, field_spec)
        for dependency, dep_spec in WIDGET_DEPENDENCIES.get(widget, {}).items():
            if dependency in model._fields:
                _merge(spec, dependency, dict(dep_spec))
    return spec


def view_spec(model, view_type, view_id=False):
    """(specification, arch node) of ``model``'s view, as its user gets it."""
    views = model.get_views([(view_id, view_type)])
    node = etree.fromstring(views["views"][view_type]["arch"])
    spec = spec_of(node, model, views["models"])
    if view_type == "form":
        spec.setdefault("display_name", {})
    return spec, node


def open_form(record, view_id=False):
    """What opening ``record``'s form asks the server: ``web_read`` with the form's spec."""
    spec, _node = view_spec(record, "form", view_id)
    return record.web_read(spec)


def open_list(model, domain, view_id=False, limit=LIST_LIMIT, order=None):
    """An ungrouped list: ``web_search_read`` of its first page with the list's spec, in the
    view's ``default_order`` as the client sends it."""
    spec, node = view_spec(model, "list", view_id)
    order = order or node.get("default_order")
    return model.web_search_read(domain, spec, limit=limit, order=order, count_limit=COUNT_LIMIT)


def open_grouped_list(model, domain, groupby, view_id=False, limit=LIST_LIMIT):
    """A list grouped by ``groupby``: the groups with their counts, then the largest group
    unfolded (its first page), as a user opens it; in the view's ``default_order``."""
    spec, node = view_spec(model, "list", view_id)
    order = node.get("default_order")
    groups = model.web_read_group(domain, [groupby], ["__count"], order=order)
    if not groups["groups"]:
        return groups, {"records": []}
    largest = max(groups["groups"], key=lambda group: group["__count"])
    value = largest[groupby]
    value = value[0] if isinstance(value, (list, tuple)) else value
    page = model.web_search_read(
        [*list(domain), (groupby, "=", value)],
        spec,
        limit=limit,
        order=order,
        count_limit=COUNT_LIMIT,
    )
    return groups, page


def open_kanban(model, domain, view_id=False, limit=KANBAN_LIMIT):
    """A kanban grouped by its ``default_group_by``: one ``web_read_group`` that unfolds the
    groups with their first records (``auto_unfold``, as the kanban view asks)."""
    spec, node = view_spec(model, "kanban", view_id)
    groupby = node.get("default_group_by")
    return model.web_read_group(
        domain,
        [groupby],
        ["__count"],
        auto_unfold=True,
        unfold_read_specification=spec,
        unfold_read_default_limit=limit,
    )


def open_hierarchy(model, domain, view_id=False, expand=True, context=None):
    """A hierarchy view opened on ``domain``: ``hierarchy_read`` of the roots (the action's
    domain and "no parent"; with ``hierarchy_res_id`` in the action's ``context``, that record
    within the domain, as ``hierarchy_model.js:_getNextConfig`` does), falling back to the
    domain without "no parent" when no root is found; then, with ``expand``, the children of
    the first child node (``web_search_read`` of their ids), as a user unfolds the tree one
    level."""
    spec, node = view_spec(model, "hierarchy", view_id)
    parent_field = node.get("parent_field") or "parent_id"
    child_field = node.get("child_field")
    if child_field:
        spec.setdefault(child_field, {})
    res_id = (context or {}).get("hierarchy_res_id")
    if res_id:
        domain = [("id", "=", res_id), *list(domain)]
    roots = model.hierarchy_read(
        [*list(domain), (parent_field, "=", False)], spec, parent_field, child_field
    )
    if not roots:
        roots = model.hierarchy_read(list(domain), spec, parent_field, child_field)
    opened = []
    if expand and child_field:
        unfolded = next((r for r in roots if r.get(child_field) and r.get(parent_field)), None)
        if unfolded:
            opened = model.web_search_read([("id", "in", unfolded[child_field])], spec)
    return roots, opened
