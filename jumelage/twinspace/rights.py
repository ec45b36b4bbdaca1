"""The one "who may view and edit" page, for any page or section with RoleRights.

The calling view has resolved the access and checked that the user may set these
rights; this shows the form (twinspace.forms.RoleRightsForm) and saves through the
app's own `save(access, section, data)`, which holds the row in one transaction.
"""

from django.contrib import messages
from django.shortcuts import redirect, render

from .forms import RoleRightsForm


def rights_page(request, section, *, title, back_url, save, saved, archive=False):
    access = request.access
    teacher = access.is_teacher
    if request.method == "POST":
        form = RoleRightsForm(request.POST, teacher=teacher, archive=archive)
        if form.is_valid():
            save(access, section, form.cleaned_data)
            messages.success(request, saved)
            return redirect(back_url)
        status = 400
    else:
        initial = {**section.rights(request.project), "follow_defaults": not section.own_rights}
        if archive:
            initial["archived"] = section.is_archived
        form = RoleRightsForm(initial=initial, teacher=teacher, archive=archive)
        status = 200
    context = {"project": request.project, "title": title, "form": form, "back_url": back_url}
    return render(request, "twinspace/rights.html", context, status=status)
