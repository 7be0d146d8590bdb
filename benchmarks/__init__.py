"""Benchmarks for the transcript browser, and the synthetic archives they run on."""
