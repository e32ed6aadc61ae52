"""The fact base: typed records, finding and loading fact files, whole-base checks.

Holds the domain records (`models`), where fact files are found (`files`), the
options that name them (`options`), loading and validating them (`loader`,
`factbase`, `validate`) and what is known of the source article (`article`).
Imports nothing above it: only `jmsummit.errors` and the standard library.
"""
