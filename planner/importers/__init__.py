"""Importing run history from FIT, GPX, TCX and export CSV files (loaded only when used).

The service calls `pipeline.run_import`; nothing here is imported by `planner today`.
"""
