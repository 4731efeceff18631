from sunshine.kernel.features import FeatureConfig


class JobsConfig(FeatureConfig):
    name = "sunshine.kernel.jobs"
    label = "jobs"
    verbose_name = "后台任务"
