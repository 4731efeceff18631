class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why, for the operator."""
