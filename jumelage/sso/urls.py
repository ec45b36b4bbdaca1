from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("callback/", views.callback, name="callback"),
    path("<slug:slug>/login/", views.ProviderLoginView.as_view(), name="login"),
]
