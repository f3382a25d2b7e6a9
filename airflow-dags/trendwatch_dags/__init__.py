"""Helpers shared by the trendwatch DAGs: how jobs are launched, and the alert hook."""
