from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self) -> None:
        from .breaks.home import break_panel
        from .home import register_home_panel

        # First on the home: someone on a break sees how to come back before anything else.
        register_home_panel(break_panel)
