"""The published shape of API v1. Field names are a contract with integrations: keep them stable."""

from __future__ import annotations

import datetime

from django.urls import NoReverseMatch, reverse
from ninja import Schema
from pydantic import Field

from inddrag.contributions.models import AgeBand, Answer, Consent, Contribution, SpeakingAs
from inddrag.contributions.uploads import MAX_FILES
from inddrag.principles.checks import run_checks

MAX_TEXT = Contribution._meta.get_field("text").max_length
MAX_NAME = Contribution._meta.get_field("name").max_length
MAX_ON_BEHALF_OF = Contribution._meta.get_field("on_behalf_of").max_length
MAX_EMAIL = Contribution._meta.get_field("email").max_length


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


class VersionOut(Schema):
    id: int
    label: str = Field(description="draft, hearing, final or other (only published versions)")
    label_display: str = Field(description="The label in Danish, e.g. “Høringsudgave”.")
    dated: datetime.date
    url: str = Field(description="The version's public page, paragraph by paragraph.")
    file_url: str | None = Field(
        description="Download of the version's DOCX or ODT file, or null when it has none."
    )

    @staticmethod
    def resolve_label_display(obj) -> str:
        return obj.get_label_display()

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(reverse("documents:version", args=[obj.pk]))

    @staticmethod
    def resolve_file_url(obj, context) -> str | None:
        if not obj.source_file:
            return None
        return context["request"].build_absolute_uri(reverse("documents:download", args=[obj.pk]))


class DocumentOut(Schema):
    id: int
    title: str
    kind: str = Field(description="local_plan, municipal_plan, policy, decision_basis or other")
    versions: list[VersionOut] = Field(
        description="The published versions, oldest first; drafts are never listed."
    )

    @staticmethod
    def resolve_versions(obj) -> list:
        return obj.published_versions


class DecisionOut(Schema):
    body: str = Field(alias="body.name")
    body_kind: str = Field(alias="body.kind", description="committee, finance or council")
    meeting_date: datetime.date
    agenda_title: str
    agenda_url: str
    text: str
    final_version_id: int | None = Field(
        description="The published final version the decision adopts (see `documents`), or null."
    )

    @staticmethod
    def resolve_final_version_id(obj) -> int | None:
        final = obj.final_version
        return final.pk if final is not None and final.published else None


class MemoOut(Schema):
    docx: str = Field(description="The latest hearing memo as Word (DOCX).")
    pdf: str = Field(description="The latest hearing memo as PDF.")


class HearingListEntryOut(Schema):
    name: str = Field(alias="stakeholder.name", description="The stakeholder's name.")
    type: str = Field(
        alias="stakeholder.type",
        description="council, board_of_appeal, board, association, business, authority, centre, "
        "discipline or med",
    )
    type_label: str = Field(description="The type in Danish, e.g. “Råd”.")
    invited: bool = Field(description="Whether the invitation has been sent.")
    answered: bool = Field(
        description="Whether a contribution from the stakeholder (through their invitation) "
        "has arrived."
    )

    @staticmethod
    def resolve_type_label(obj) -> str:
        return str(obj.stakeholder.get_type_display())

    @staticmethod
    def resolve_invited(obj) -> bool:
        return obj.invited_at is not None

    @staticmethod
    def resolve_answered(obj) -> bool:
        # Annotated by the plan's prefetch of the hearing list (``principles.plan``).
        return bool(obj.has_answered)


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
    contributions_count: int = Field(
        description="Contributions received, including those not (yet) published.",
    )
    answers_published_count: int = Field(description="Contributions whose answer is published.")
    documents: list[DocumentOut] = Field(
        description="Documents with at least one published version, in the process's order."
    )
    decision: DecisionOut | None = Field(
        description="What the political body decided, once the process is decided; else null."
    )
    memo: MemoOut | None = Field(
        description="Downloads of the latest hearing memo, or null when none is ready."
    )
    hearing_list: list[HearingListEntryOut] = Field(
        description="The stakeholders on the hearing list (høringsliste), by name: whether they "
        "were invited and have answered. No contact details."
    )

    @staticmethod
    def resolve_documents(obj) -> list:
        return [d for d in obj.documents.all() if d.published_versions]

    @staticmethod
    def resolve_contributions_count(obj) -> int:
        return obj.plan.contributions.received

    @staticmethod
    def resolve_answers_published_count(obj) -> int:
        return obj.plan.contributions.answers_published

    @staticmethod
    def resolve_decision(obj):
        return obj.plan.public_decision

    @staticmethod
    def resolve_memo(obj, context) -> dict | None:
        if not obj.plan.has_published_memo:
            return None
        absolute = context["request"].build_absolute_uri
        return {
            "docx": absolute(reverse("memos:docx", args=[obj.pk])),
            "pdf": absolute(reverse("memos:pdf", args=[obj.pk])),
        }

    @staticmethod
    def resolve_hearing_list(obj) -> list:
        return sorted(obj.plan.accepted, key=lambda e: (e.stakeholder.name.casefold(), e.pk))

    @staticmethod
    def resolve_influence_level(obj) -> dict:
        return {
            "code": obj.influence_level,
            "label": obj.get_influence_level_display() if obj.influence_level else "",
            "promise": obj.influence_promise,
        }

    @staticmethod
    def resolve_target_groups(obj) -> list[str]:
        return list(obj.plan.target_groups)

    @staticmethod
    def resolve_frame(obj) -> list:
        return list(obj.plan.frame_items)

    @staticmethod
    def resolve_phases(obj) -> list:
        return list(obj.plan.phases)

    @staticmethod
    def resolve_activities(obj) -> list:
        return list(obj.plan.activities)

    @staticmethod
    def resolve_milestones(obj) -> list:
        return list(obj.plan.milestones)

    @staticmethod
    def resolve_checks(obj) -> list:
        return run_checks(obj.plan)


class ErrorOut(Schema):
    detail: str


# --- Contributions --------------------------------------------------------------------------


class ContributionIn(Schema):
    """The body of `POST /processes/{id}/contributions`, as JSON or as multipart/form-data (which
    adds `files`). It documents the contract; the endpoint validates it with Danish messages."""

    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The contribution.")
    speaking_as: str = Field(
        description="Who the contributor speaks as.",
        json_schema_extra={"enum": list(SpeakingAs.values)},
    )
    consent: str = Field(
        description="Publication: `name` (with the name), `anonymous` (without it) or `none` "
        "(not published).",
        json_schema_extra={"enum": list(Consent.values)},
    )
    on_behalf_of: str = Field("", max_length=MAX_ON_BEHALF_OF, description="Organisation.")
    name: str = Field("", max_length=MAX_NAME)
    email: str = Field(
        "",
        max_length=MAX_EMAIL,
        description="For the receipt and the answer; never published or returned by the API.",
    )
    district_id: int | None = Field(
        None, description="Voluntary, for statistics only: a district id (see `districts`)."
    )
    age_band: str = Field(
        "",
        description="Voluntary, for statistics only.",
        json_schema_extra={"enum": ["", *AgeBand.values]},
    )


def contribution_multipart_schema() -> dict:
    """The JSON schema of the multipart body: the JSON fields plus up to five `files`."""
    schema = ContributionIn.model_json_schema()
    schema["title"] = "ContributionMultipartIn"
    schema["properties"]["files"] = {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "maxItems": MAX_FILES,
        "description": "PDF, DOCX, ODT, JPG or PNG, at most 10 MB each; the type is read "
        "from the content, not the name.",
    }
    return schema


class ReceiptOut(Schema):
    receipt_number: str = Field(description="E.g. `B-2026-000123`.")
    status_url: str | None = Field(
        description="The contributor's private link to the status and, later, the answer. "
        "A repeat with the same Idempotency-Key gets the same link."
    )
    publication: str = Field(description="pending, published, declined or private")


class FieldErrorOut(Schema):
    field: str = Field(description="The field name, `files`, `Idempotency-Key` or `body`.")
    message: str = Field(description="In Danish, for the contributor.")


class FieldErrorsOut(Schema):
    detail: list[FieldErrorOut]


class AttachmentOut(Schema):
    name: str = Field(alias="original_name")
    content_type: str
    size: int = Field(description="Bytes")
    url: str | None = Field(description="Where the published file can be downloaded.")

    @staticmethod
    def resolve_url(obj, context) -> str | None:
        try:
            path = reverse("contributions:attachment", args=[obj.pk])
        except NoReverseMatch:  # no public download view in this installation
            return None
        return context["request"].build_absolute_uri(path)


class AnswerOut(Schema):
    outcome: str = Field(
        description="accommodated, partly, not_accommodated, outside_frame or noted"
    )
    reason: str
    frame_item: str | None = Field(
        description="For `outside_frame`: the text of the fixed frame item that explains why."
    )
    published_at: datetime.datetime
    preliminary: bool = Field(
        description="Published before the political decision: the politicians have not decided "
        "yet. Becomes false when the decision is recorded."
    )

    @staticmethod
    def resolve_frame_item(obj: Answer) -> str | None:
        return obj.frame_item.text if obj.frame_item_id else None


class ContributionOut(Schema):
    id: int
    receipt_number: str
    received_at: datetime.datetime
    speaking_as: str = Field(
        description="private, business, association, council, authority or employee"
    )
    public_name: str = Field(description="The name or organisation; empty when anonymous.")
    text: str = Field(description="The published text (personal data redacted).")
    attachments: list[AttachmentOut] = Field(description="Attachments that are published.")
    answer: AnswerOut | None = Field(description="The municipality's answer once published.")

    @staticmethod
    def resolve_text(obj: Contribution) -> str:
        # Never the original: only what was published, with any redactions.
        if obj.publication != Contribution.Publication.PUBLISHED:
            return ""
        return obj.published_text

    @staticmethod
    def resolve_attachments(obj: Contribution) -> list:
        return [a for a in obj.attachments.all() if not a.withheld]

    @staticmethod
    def resolve_answer(obj: Contribution) -> Answer | None:
        try:
            answer = obj.answer
        except Answer.DoesNotExist:
            return None
        return answer if answer.published_at is not None else None
