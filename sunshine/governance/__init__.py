"""决策与监督: 重大行政决策, 权力清单/责任清单, 双随机 spot checks, 问责 and 交叉互评 (one Django app each)."""
