"""The client's intake form, built from what is asked now: one field per active question and,
per current document not yet signed, an "I have read and agree" box and a typed name.

Every field is optional here: "Save and finish later" keeps whatever is filled in. Whether
the intake may be submitted is decided by actions.save_intake, and its refusal is mapped back
onto the fields by `show_incomplete`."""

import datetime as dt

from django import forms

from hearth.core.text import clean_line, clean_lines

from .models import DocumentVersion, IntakeQuestion, QuestionKind

YES_NO = [("yes", "Yes"), ("no", "No")]
DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"]
ANSWER_NEEDED = "Please answer this question."
AGREE_NEEDED = "Please tick the box to say you have read and agree to this document."
NAME_NEEDED = "Please type your full name as your signature."
SIGNATURE_NEEDED = "To sign, tick the box and type your full name below."


class DateAnswer(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d")

    def __init__(self, **kwargs) -> None:
        super().__init__(
            input_formats=DATE_FORMATS,
            error_messages={"invalid": "Please enter a date such as 1990-04-21 or 04/21/1990."},
            **kwargs,
        )


def _question_field(question: IntakeQuestion) -> forms.Field:
    label = question.label if question.required else f"{question.label} (optional)"
    common = {"label": label, "help_text": question.help_text, "required": False}
    pick_one = {"invalid_choice": "Please choose one of the answers shown."}
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if question.kind == QuestionKind.CHOICE:
        choices = [(choice, choice) for choice in question.choice_list]
        return forms.ChoiceField(
            choices=choices, widget=forms.RadioSelect, error_messages=pick_one, **common
        )
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=YES_NO, widget=forms.RadioSelect, error_messages=pick_one, **common
        )
    if question.kind == QuestionKind.DATE:
        return DateAnswer(**common)
    return forms.CharField(max_length=500, **common)


def question_field_name(question_id: int) -> str:
    return f"question_{question_id}"


def agree_field_name(version_id: int) -> str:
    return f"agree_{version_id}"


def name_field_name(version_id: int) -> str:
    return f"signature_{version_id}"


class IntakeForm(forms.Form):
    def __init__(
        self,
        *args,
        questions: list[IntakeQuestion],
        unsigned: list[DocumentVersion],
        answers: dict[int, str],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.unsigned = unsigned
        for question in questions:
            name = question_field_name(question.pk)
            self.fields[name] = _question_field(question)
            if question.pk in answers:
                self.initial[name] = answers[question.pk]
        for version in unsigned:
            self.fields[agree_field_name(version.pk)] = forms.BooleanField(
                required=False, label=f"I have read and agree to the {version.title}."
            )
            self.fields[name_field_name(version.pk)] = forms.CharField(
                max_length=200,
                required=False,
                label="Your full name, as your signature",
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
            )

    def question_fields(self) -> list[tuple[IntakeQuestion, forms.BoundField]]:
        return [(question, self[question_field_name(question.pk)]) for question in self.questions]

    def document_fields(self) -> list[tuple[DocumentVersion, forms.BoundField, forms.BoundField]]:
        return [
            (version, self[agree_field_name(version.pk)], self[name_field_name(version.pk)])
            for version in self.unsigned
        ]

    def error_links(self) -> list[tuple[str, str]]:
        """(field id, words) for the summary above the form: a question once, a document
        once ("Sign the Financial policy"), in the page's order."""
        links = [
            (field.id_for_label, question.label)
            for question, field in self.question_fields()
            if field.errors
        ]
        for version, agree, name in self.document_fields():
            if agree.errors or name.errors:
                anchor = (agree if agree.errors else name).id_for_label
                links.append((anchor, f"Sign the {version.title}"))
        return links

    def stale_signatures(self) -> bool:
        """The page sent a box for a version that is no longer current (the practice
        published a new one while the client was reading)."""
        sent = {key for key in self.data if key.startswith("agree_")}
        return bool(sent - set(self.fields))

    def clean(self) -> dict:
        cleaned = super().clean()
        for version in self.unsigned:
            agree = cleaned.get(agree_field_name(version.pk))
            name = clean_line(cleaned.get(name_field_name(version.pk)) or "")
            if agree and not name:
                self.add_error(name_field_name(version.pk), NAME_NEEDED)
            elif name and not agree:
                self.add_error(agree_field_name(version.pk), AGREE_NEEDED)
        return cleaned

    def answers(self) -> dict[int, str]:
        """Question id -> the answer as stored ("" for none; dates as YYYY-MM-DD)."""
        stored = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question.pk))
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif question.kind == QuestionKind.LONG_TEXT:
                value = clean_lines(value or "")
            else:
                value = clean_line(value or "")
            stored[question.pk] = value
        return stored

    def signatures(self) -> dict[int, str]:
        """Version id -> typed name, for the documents ticked and signed."""
        return {
            version.pk: clean_line(self.cleaned_data[name_field_name(version.pk)])
            for version in self.unsigned
            if self.cleaned_data.get(agree_field_name(version.pk))
            and clean_line(self.cleaned_data.get(name_field_name(version.pk)) or "")
        }

    def show_incomplete(self, *, question_ids: list[int], version_ids: list[int]) -> None:
        """Put the submit refusal's reasons next to the fields they concern."""
        for question_id in question_ids:
            name = question_field_name(question_id)
            if name in self.fields:
                self.add_error(name, ANSWER_NEEDED)
        for version_id in version_ids:
            agree, name = agree_field_name(version_id), name_field_name(version_id)
            if agree not in self.fields:
                continue
            ticked, named = self.cleaned_data.get(agree), self.cleaned_data.get(name)
            if not ticked and not named:
                self.add_error(agree, SIGNATURE_NEEDED)
            elif not ticked:
                self.add_error(agree, AGREE_NEEDED)
            elif not named:
                self.add_error(name, NAME_NEEDED)
