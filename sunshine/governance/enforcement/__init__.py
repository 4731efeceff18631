"""行政执法公示 (双公示): 行政许可 and 行政处罚 decisions published within 7 working days."""
