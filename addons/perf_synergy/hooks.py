def post_init_hook(env):
    """Every company other than the install company gets its own copy of the shipped
    processes (new companies get theirs when they are created, databases installed before
    from migrations/19.0.1.3.0)."""
    env["synergy.process"]._synergy_install_for_companies(env["res.company"].search([]))
