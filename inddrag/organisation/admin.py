from django.contrib import admin

from inddrag.organisation.models import Centre, DecisionBody, District, ElectionPeriod


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "contact_email", "contact_phone")
    search_fields = ("name",)


@admin.register(DecisionBody)
class DecisionBodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "order")
    list_filter = ("kind",)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "postcode", "is_whole_municipality", "order")


@admin.register(ElectionPeriod)
class ElectionPeriodAdmin(admin.ModelAdmin):
    list_display = ("__str__", "starts_on")
