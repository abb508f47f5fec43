"""One way to make a registry control panel of a settings interface."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


def registry_form(schema, prefix: str, label, description) -> type[RegistryEditForm]:
    """The edit form of the records of ``schema`` under ``prefix``."""
    return type(
        f"{schema.__name__.removeprefix('I')}Form",
        (RegistryEditForm,),
        {
            "schema": schema,
            "schema_prefix": prefix,
            "label": label,
            "description": description,
        },
    )


def registry_panel(
    schema, prefix: str, label, description
) -> type[ControlPanelFormWrapper]:
    """The control panel page (register it with ``browser:page``) of ``schema``."""
    return type(
        f"{schema.__name__.removeprefix('I')}ControlPanel",
        (ControlPanelFormWrapper,),
        {"form": registry_form(schema, prefix, label, description)},
    )
