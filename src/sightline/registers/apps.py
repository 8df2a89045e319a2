from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "sightline.registers"
    verbose_name = "Registers (change history)"
