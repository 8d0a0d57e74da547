"""Data files shipped with aiops: the sample company."""
