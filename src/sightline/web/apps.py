from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class WebConfig(AppConfig):
    name = "sightline.web"
    verbose_name = "Web pages"


class StaticFiles(StaticFilesConfig):
    """Django's static files, without the GOV.UK Frontend package's sources.

    The package ships its Sass, source maps, Nunjucks templates and ES modules beside the built
    CSS, fonts and images the pages use; collecting and compressing those 2,000-odd files at
    every `sightline serve` start would cost seconds for nothing a browser asks for.
    """

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "*.scss",
        "*.map",
        "*.njk",
        "*.mjs",
        "*.md",
        "*.yaml",
        "components/*",
        "core/*",
        "helpers/*",
        "objects/*",
        "overrides/*",
        "settings/*",
        "tools/*",
        "utilities/*",
        "i18n*",
        "common/*",
        "errors/*",
        "macros/*",
    ]
