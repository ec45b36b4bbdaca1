from django.contrib import admin

from .models import AgeBand, Country, Department, Language, ProductionType, Region, Subject


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "category", "can_found"]
    list_filter = ["category", "can_found"]
    search_fields = ["code", "name_en", "name_fr"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "country", "code"]
    list_filter = ["country"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "region", "uai_prefix"]
    list_filter = ["region"]


admin.site.register(Subject, list_display=["code", "name_en", "name_fr", "cross_curricular"])
admin.site.register(Language, list_display=["code", "name_en", "name_fr", "eu_official"])
admin.site.register(AgeBand, list_display=["min_age", "max_age", "name_en", "name_fr"])
admin.site.register(ProductionType, list_display=["code", "name_en", "name_fr", "position"])
