"""Processes become per company (a step names a company's departments and KPIs, which other
companies may not read). Before the schema update makes the company required, a process
shared by all companies (no company) goes to the company of its steps' departments when they
all belong to one company, else to the install company. post-migrate.py then gives every other
company its own copy of the shipped processes."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE synergy_process process
           SET company_id = COALESCE(
                   (SELECT MIN(department.company_id)
                      FROM synergy_process_node node
                      JOIN hr_department department ON department.id = node.department_id
                     WHERE node.process_id = process.id
                    HAVING COUNT(DISTINCT department.company_id) = 1),
                   (SELECT res_id FROM ir_model_data
                     WHERE module = 'base' AND name = 'main_company'),
                   (SELECT MIN(id) FROM res_company)
               )
         WHERE process.company_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE synergy_process_node node
           SET company_id = process.company_id
          FROM synergy_process process
         WHERE process.id = node.process_id
           AND node.company_id IS DISTINCT FROM process.company_id
        """
    )
