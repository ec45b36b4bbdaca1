"""Single sign-on through OpenID Connect providers (issue 21)."""
