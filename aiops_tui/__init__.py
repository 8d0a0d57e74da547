"""aiops: run a small company's AI operations from the terminal."""

__version__ = "0.1.0"
