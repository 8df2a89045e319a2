from django.urls import path

from sightline.registers.urls import register_urls

from . import views
from .registers import COMPLAINTS, COMPLIMENTS, QUESTIONS, RESPONSES

urlpatterns = [path("", views.overview, name="feedback")]
for register in [COMPLAINTS, COMPLIMENTS, QUESTIONS, RESPONSES]:
    urlpatterns += register_urls(register)
