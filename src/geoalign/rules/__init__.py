"""The rules of time: when a tie is in force, definitely or possibly, and in what order
events come.  Pure functions on plain values, shared by every store and by validation.
"""
