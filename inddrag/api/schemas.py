"""The published shape of API v1. Field names are a contract with integrations: keep them stable."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from inddrag.principles.checks import run_checks


class FrameItemOut(Schema):
    kind: str = Field(description="`open` (citizens can influence it) or `fixed`.")
    text: str
    reason: str = Field(description="Why a fixed item is fixed; empty for open items.")


class DistrictOut(Schema):
    id: int
    name: str
    postcode: str


class PhaseOut(Schema):
    id: int
    title: str
    description: str
    starts_on: datetime.date
    ends_on: datetime.date


class ActivityOut(Schema):
    id: int
    title: str
    method: str = Field(
        description="hearing, public_meeting, workshop, survey, ideas, dialogue, site_walk, other"
    )
    description: str
    phase_id: int | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str
    online_url: str
    hearing_type: str = Field(
        description="plan_proposal, minor_municipal_plan, local_plan, minor_local_plan or empty"
    )
    feeds_milestone_id: int | None


class MilestoneOut(Schema):
    id: int
    body: str = Field(alias="body.name")
    body_kind: str = Field(alias="body.kind", description="committee, finance or council")
    meeting_date: datetime.date
    decides: str
    agenda_url: str


class InfluenceLevelOut(Schema):
    code: str = Field(description="inform, consult, involve, collaborate, empower or empty")
    label: str
    promise: str


class CheckOut(Schema):
    principle: int = Field(description="1–5, the municipality's principle the check belongs to")
    code: str
    severity: str = Field(description="blocker, warning or ok")
    message: str


class ProcessSummaryOut(Schema):
    id: int
    title: str
    summary: str
    status: str = Field(description="published, open, processing, decided or closed")
    url: str = Field(description="The public page of the process")
    centre: str = Field(alias="centre.name")
    districts: list[DistrictOut]
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class ProcessOut(ProcessSummaryOut):
    how_to_take_part: str
    influence_level: InfluenceLevelOut
    proportionality: str = Field(description="light, standard or extensive")
    target_groups: list[str]
    esdh_reference: str
    kle_number: str
    frame: list[FrameItemOut]
    phases: list[PhaseOut]
    activities: list[ActivityOut]
    milestones: list[MilestoneOut]
    checks: list[CheckOut]

    @staticmethod
    def resolve_influence_level(obj) -> dict:
        return {
            "code": obj.influence_level,
            "label": obj.get_influence_level_display() if obj.influence_level else "",
            "promise": obj.influence_promise,
        }

    @staticmethod
    def resolve_target_groups(obj) -> list[str]:
        return obj.target_group_codes()

    @staticmethod
    def resolve_frame(obj) -> list:
        return list(obj.frame_items.all())

    @staticmethod
    def resolve_activities(obj) -> list:
        return sorted(obj.activities.all(), key=lambda a: a.starts_at)

    @staticmethod
    def resolve_checks(obj) -> list:
        return run_checks(obj)


class ErrorOut(Schema):
    detail: str
