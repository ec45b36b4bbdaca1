from django.contrib.auth import views as auth_views
from django.urls import path

from . import pupils, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("confirm-again/", views.resend_confirmation, name="resend_confirmation"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("pupils/login/", pupils.pupil_login, name="pupil_login"),
    path("pupils/password/", pupils.pupil_password, name="pupil_password"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/", views.security, name="security"),
    path("security/two-factor/", views.otp_setup, name="otp_setup"),
    path("security/two-factor/off/", views.otp_disable, name="otp_disable"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile_edit"),
    path("profile/export/", views.export, name="export"),
    path("profile/delete/", views.delete_account, name="delete"),
    path("teachers/<int:user_id>/", views.teacher_detail, name="teacher"),
    path("teachers/<int:user_id>/photo/", views.teacher_photo, name="teacher_photo"),
]
