"""The municipality's own principles and the thresholds that are its policy (issue #13, section 4).

Two append-only tables: a ``PrincipleText`` row is one version of one principle's wording, a
``PolicyValue`` row one version of one threshold. The current version is the newest row (the
highest id); nothing is ever updated or deleted, so the history is complete. Without a row, the
defaults apply: Ballerup Kommune's own texts (``DEFAULT_TEXTS``, translated like any other
string) and the values from the environment (``Threshold.default``).

What the law lays down (planloven § 24's minimum hearing periods, forvaltningslovens partshøring
…) is not policy and stays in code (``principles/checks/p4.py``, ``cases``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NUMBERS = (1, 2, 3, 4, 5)

# Ballerup Kommune's five principles (Kommunalbestyrelsen, "Fem principper for inddragelse af
# borgerne"): the title and the long text are the council's own wording, the short text says
# it plainly to a citizen. The Danish originals are the translations in locale/da.
DEFAULT_TEXTS: dict[int, tuple[Promise, Promise, Promise]] = {
    1: (
        _("Ballerup Kommune sets clear frames"),
        _(
            "You should know as clearly as possible what you can influence — and what is fixed. "
            "What is fixed must be justified."
        ),
        _(
            "Citizens and businesses must know as clearly as possible what they can influence — "
            "and what is not up for discussion. What is not up for discussion should be "
            "justified."
        ),
    ),
    2: (
        _("Ballerup Kommune listens and is open to new ideas"),
        _("You should experience that your input influences the decision."),
        _(
            "Citizens and businesses should experience that their input and contributions "
            "influence the decision. This succeeds when Ballerup Kommune enters the process "
            "motivated to try some of the things the municipality does not usually do."
        ),
    ),
    3: (
        _("Ballerup Kommune involves as early and as relevantly as possible"),
        _(
            "Involvement happens where it can make a difference to the solutions and the "
            "political discussion — once the frame is clear enough for you to contribute."
        ),
        _(
            "Involvement happens at the points in the processes where it can contribute to "
            "better decisions in citizens' cases, influence the final solutions in projects, and "
            "feed into the political discussions. But also far enough into the process that the "
            "overall frames are clear enough for citizens and businesses to contribute."
        ),
    ),
    4: (
        _("Ballerup Kommune sets aside adequate time and uses the time efficiently"),
        _("There is enough time for dialogue, and the process still moves forward."),
        _(
            "Time is set aside both for the dialogues with citizens and businesses, and in the "
            "overall process so that involvement can take place properly. The balance is: "
            "enough time for dialogue, while the process still moves forward."
        ),
    ),
    5: (
        _("Ballerup Kommune involves professional disciplines and citizens broadly and relevantly"),
        _(
            "Employees, citizens, boards, councils, committees and other stakeholders are "
            "involved, and the circle looks beyond the task at hand."
        ),
        _(
            "Involvement should give new perspectives and ideas for solutions. We involve more "
            "broadly and seek out employees, citizens, boards, councils, committees and other "
            "stakeholders who can give relevant input. The circle of participants must always "
            "“look beyond” the concrete task."
        ),
    ),
}

TITLE_LENGTH = 200
SHORT_LENGTH = 600
LONG_LENGTH = 4000
REASON_LENGTH = 500


@dataclass(frozen=True)
class Threshold:
    """One threshold that is the municipality's policy, not the law: its key, what it is, the
    range an administrator may choose from, and its default (a setting, or a fixed number)."""

    key: str
    slug: str  # in the address of its edit page
    label: Promise
    help_text: Promise
    unit: Promise
    minimum: int
    maximum: int
    setting: str = ""
    fallback: int = 0

    def default(self) -> int:
        return getattr(settings, self.setting) if self.setting else self.fallback


PROCESSING_DAYS = "processing_working_days"
EXTENSIVE_PROCESSING_DAYS = "extensive_processing_working_days"
ANSWER_DAYS = "answer_days_after_decision"
BREADTH_MIN_GROUP = "breadth_min_group"

THRESHOLDS: dict[str, Threshold] = {
    t.key: t
    for t in (
        Threshold(
            PROCESSING_DAYS,
            "behandlingstid",
            _("Processing time before a decision"),
            _(
                "Principle 3: working days the administration needs between the end of an "
                "activity and the meeting it feeds."
            ),
            _("working days"),
            1,
            60,
            setting="INDDRAG_PROCESSING_WORKING_DAYS",
        ),
        Threshold(
            EXTENSIVE_PROCESSING_DAYS,
            "behandlingstid-omfattende",
            _("Processing time in an extensive process"),
            _(
                "Principle 4: working days an extensive process needs between its last activity "
                "and the decision it feeds."
            ),
            _("working days"),
            1,
            120,
            setting="INDDRAG_EXTENSIVE_PROCESSING_WORKING_DAYS",
        ),
        Threshold(
            ANSWER_DAYS,
            "svarfrist",
            _("Answers published after the decision"),
            _("Principle 2: the answers to the contributions are published within this many days."),
            _("days"),
            1,
            90,
            setting="INDDRAG_ANSWER_DAYS_AFTER_DECISION",
        ),
        Threshold(
            BREADTH_MIN_GROUP,
            "bredde",
            _("Smallest group shown"),
            _(
                "Principle 5 and the evaluation: a group with fewer contributions (or citizens' "
                "evaluations) is never shown publicly, so no one can be recognised."
            ),
            _("contributions"),
            3,
            50,
            fallback=5,
        ),
    )
}


class PrincipleText(models.Model):
    """One version of one principle's wording. The English texts are optional: without them an
    English page shows the Danish."""

    number = models.PositiveSmallIntegerField(
        _("principle"), choices=[(n, n) for n in NUMBERS], db_index=True
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    short_text = models.TextField(_("short text"), max_length=SHORT_LENGTH)
    long_text = models.TextField(_("long text"), max_length=LONG_LENGTH)
    title_en = models.CharField(_("title in English"), max_length=TITLE_LENGTH, blank=True)
    short_text_en = models.TextField(
        _("short text in English"), max_length=SHORT_LENGTH, blank=True
    )
    long_text_en = models.TextField(_("long text in English"), max_length=LONG_LENGTH, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    reason = models.CharField(_("why it was changed"), max_length=REASON_LENGTH)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("wording of a principle")
        verbose_name_plural = _("wordings of the principles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=5), name="principle_number_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"


class PolicyValue(models.Model):
    """One version of one threshold (``THRESHOLDS``)."""

    key = models.CharField(
        _("threshold"),
        max_length=40,
        choices=[(t.key, t.label) for t in THRESHOLDS.values()],
        db_index=True,
    )
    value = models.PositiveIntegerField(
        _("value"), validators=[MinValueValidator(0), MaxValueValidator(1000)]
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    reason = models.CharField(_("why it was changed"), max_length=REASON_LENGTH)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("threshold value")
        verbose_name_plural = _("threshold values")
        # Given to administrators (superusers have it): the staff page /personale/principper/.
        permissions = [
            ("change_policy", _("Can change the principles' texts and the thresholds")),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
