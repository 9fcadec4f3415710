"""Translations of the records companies get as copies of shipped records.

Processes and their steps, KPIs, measures and ESG indicators are shipped as data of the
install company and copied for every other company (and for companies created later). A
translation file names only the shipped records' external ids, so a language loaded after
the copies were made would leave them in English: once an addon's terms are loaded, every
record whose English text equals that of a shipped record takes the shipped record's
translations of that text (``translate_copies``). A text the company changed (another English
text) keeps its own; without ``overwrite``, so does a translation the record already has.

A model opts in with ``_synergy_copy_translated = ("name", ...)``: its translated columns.
"""

from odoo.tools import SQL

# The addons whose external ids mark shipped records.
SHIPPING_MODULES = (
    "perf_synergy",
    "perf_synergy_esg",
    "perf_synergy_group",
    "perf_synergy_sale",
    "perf_synergy_calendar",
)


def translate_copies(env, overwrite=False):
    """Give the copies of shipped records the shipped records' translations (module doc)."""
    for model_name, model_class in env.registry.items():
        columns = getattr(model_class, "_synergy_copy_translated", ())
        if not columns or model_class._abstract or not model_class._auto:
            continue
        model = env[model_name]
        model.flush_model(columns)
        for column in columns:
            env.cr.execute(_copy_translations_query(model, column, overwrite))
        model.invalidate_model(columns)


def _copy_translations_query(model, column, overwrite):
    table, col = SQL.identifier(model._table), SQL.identifier(column)
    # The shipped record of each English text: the first created (copies carry external ids
    # of their own, made after the shipped record).
    merged = (
        SQL("record.%(col)s || shipped.terms", col=col)
        if overwrite
        else SQL("shipped.terms || record.%(col)s", col=col)
    )
    return SQL(
        """
        UPDATE %(table)s AS record
           SET %(col)s = %(merged)s
          FROM (
                SELECT DISTINCT ON (source.%(col)s ->> 'en_US')
                       source.%(col)s ->> 'en_US' AS english,
                       source.%(col)s - 'en_US' AS terms
                  FROM %(table)s AS source
                  JOIN ir_model_data AS data
                    ON data.model = %(model)s AND data.res_id = source.id
                 WHERE data.module IN %(modules)s
                   AND source.%(col)s IS NOT NULL
                 ORDER BY source.%(col)s ->> 'en_US', source.id
               ) AS shipped
         WHERE record.%(col)s ->> 'en_US' = shipped.english
           AND shipped.terms <> '{}'::jsonb
           AND record.%(col)s IS DISTINCT FROM %(merged)s
        """,
        table=table,
        col=col,
        merged=merged,
        model=model._name,
        modules=SHIPPING_MODULES,
    )
