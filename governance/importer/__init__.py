"""The importer: read office files as they are and validate them against the contract.

``read_file`` turns an upload into contract-typed frames (``Parsed``); ``validate`` checks
them against the data in force for a mode (``upsert`` or ``replace``) and returns a
``Report``; ``check_tables`` runs the same contract checks on tables already in force.
``report_xlsx`` and ``template_xlsx`` write the report and the templates. Never imports
streamlit; never raises on bad input.
"""

from governance.importer.parsed import HIDDEN, ROW, SHEET, Parsed
from governance.importer.problems import ERROR, WARNING, Problem, Report
from governance.importer.read import ACCEPTED, Limits, read_file
from governance.importer.validate import MODES, check_tables, merged, schema, validate
from governance.importer.workbooks import report_xlsx, template_xlsx

__all__ = [
    "ACCEPTED",
    "ERROR",
    "HIDDEN",
    "MODES",
    "ROW",
    "SHEET",
    "WARNING",
    "Limits",
    "Parsed",
    "Problem",
    "Report",
    "check_tables",
    "merged",
    "read_file",
    "report_xlsx",
    "schema",
    "template_xlsx",
    "validate",
]
