from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "sunshine.kernel.workflow"
    label = "workflow"
    verbose_name = "流程"
