"""考核与报告: the annual report, website self-check, clock board, assessment scores, training, work plans."""
