"""Background tasks of 公共资源交易."""
