"""Stores: the indexed records behind the queries, and the Dataset that asks them."""
