"""``--engine spark``: the story pipeline on PySpark (analysis on workers, grouping on driver)."""

from __future__ import annotations

import logging

from storylens.spark.job import spark_features, spark_session

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["spark_features", "spark_session"]
