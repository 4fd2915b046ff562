"""What support leads learn from the log, as pure functions over rows (no database):
trends and spikes (trends), content gaps (gaps), agents' ratings (feedback)."""
