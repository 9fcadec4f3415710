"""The shipped process steps get ids (data/synergy_process_data.xml) so that their names are
translated. A database installed before has the steps without ids: they receive them here,
before the data is loaded, so that the update neither duplicates them nor touches what the
company set on them (departments, KPIs, thresholds: the data is noupdate)."""

STEPS = {
    "process_order_to_cash": ("o2c", (10, 20, 30, 40, 50)),
    "process_lead_to_revenue": ("l2r", (10, 20, 30, 40)),
    "process_procure_to_pay": ("p2p", (10, 20, 30, 40)),
    "process_plan_to_produce": ("p2m", (10, 20, 30, 40)),
}


def migrate(cr, version):
    if not version:
        return
    for process, (short, sequences) in STEPS.items():
        for sequence in sequences:
            # The oldest step of that sequence in the shipped process: the one the data made.
            cr.execute(
                """
                INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
                SELECT 'perf_synergy', %(name)s, 'synergy.process.node', node.id, TRUE
                  FROM ir_model_data process
                  JOIN synergy_process_node node ON node.process_id = process.res_id
                 WHERE process.module = 'perf_synergy' AND process.name = %(process)s
                   AND node.sequence = %(sequence)s
                   AND NOT EXISTS (
                       SELECT 1 FROM ir_model_data
                        WHERE module = 'perf_synergy' AND name = %(name)s
                   )
                 ORDER BY node.id
                 LIMIT 1
                """,
                {
                    "name": f"process_node_{short}_{sequence}",
                    "process": process,
                    "sequence": sequence,
                },
            )
