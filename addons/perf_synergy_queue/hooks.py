def uninstall_hook(env):
    """Without the job queue nothing would finish a close running in jobs: its periods go
    back to open (what the close wrote stays; the next close computes it again)."""
    env.cr.execute("UPDATE synergy_period SET state = 'open' WHERE state = 'closing'")
