"""政务公开年度工作计划: yearly rounds set by the general office, agencies' plans and tasks."""

from sunshine.kernel.features import FeatureConfig


class WorkplansConfig(FeatureConfig):
    name = "sunshine.assessment.workplans"
    label = "workplans"
    verbose_name = "政务公开工作计划"
