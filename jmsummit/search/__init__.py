"""Search: a question in, ranked matches out. Pure; never prints.

Holds question parsing and normalisation (`normalize`, `questions`, `gazetteer`),
the index and its on-disk cache (`index`, `cache`), the ranking engine (`engine`),
the plain result types output shows (`results`) and opening the index for a fact
base (`opener`). Imports only the fact base (`jmsummit.base`) and `jmsummit.errors`.
"""
