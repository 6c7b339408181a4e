"""tnxh_extract: structured statistics from Vietnamese reports on social evils."""
__version__ = "0.1.0"
