"""Output: the only layer that draws tables (rich) or writes JSON, CSV and TSV.

Holds the user's format and language choices (`formats`), the JSON contract
(`contract`), shared text handling (`text`), the renderer (`render`) and the build
progress bar (`progress`). Imports search results and fact records, never the engine.
"""
