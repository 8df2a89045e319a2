from django.urls import path

from sightline.registers.urls import register_urls

from . import views
from .registers import ALL

urlpatterns = [path("", views.overview, name="workforce")]
for register in ALL:
    urlpatterns += register_urls(register)
