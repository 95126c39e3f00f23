"""Shared machinery of the calculators: input parsing, fields, money, result presentation."""
