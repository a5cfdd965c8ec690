"""Sitrep's ETL: articles in; places, events and incidents out (see DESIGN.md)."""

import os
import sys

# The NLP stage multiplies spaCy's matrices in numpy's BLAS (``etl.spacy_model``),
# which starts a thread per core for a large product: an ingest runs a
# process per core already, and those threads spin on the cores the other
# processes need (half again as much CPU an article).  One thread, unless the
# user chose a number; the BLAS reads it once, when numpy loads.
if "numpy" not in sys.modules:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
