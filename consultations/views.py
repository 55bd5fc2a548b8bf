"""The public views of a consultation page (its routes): comment submission, receipt and status lookup."""

import logging

from django.contrib import messages
from django.db import DatabaseError, IntegrityError, transaction
from django.shortcuts import redirect

from wagtail.contrib.routable_page.models import path, re_path

from consultations.forms import CommentForm, StatusLookupForm, body_hash
from consultations.models.comments import Comment, CommentAttachment, normalise_tracking_code
from consultations.models.protection import SensitiveWord
from core import guards
from core.contact import contact_matches
from core.net import client_ip

RECEIPT_SESSION_KEY = "consultation_receipts"

logger = logging.getLogger(__name__)


class CommentRoutesMixin:
    """Routes mixed into ConsultationPage; they render the page's own templates."""

    @re_path(r"^$", name="page")
    def page_view(self, request):
        initial = {}
        article = request.GET.get("article", "")
        if article in dict(self.article_choices()):
            initial["article"] = article
        context = {"lookup_form": StatusLookupForm()}
        if self.is_open:
            context["form"] = CommentForm(consultation=self, initial=initial)
        return self.render(request, context_overrides=context)

    @path("comment/", name="comment")
    def submit_comment(self, request):
        if request.method != "POST":
            return redirect(self.url + "#comment-form")
        context = {"lookup_form": StatusLookupForm()}
        if not self.is_open:
            context["refusal"] = (
                "本次意见征集尚未开始，暂不接受意见。"
                if self.status == "upcoming"
                else "本次意见征集已结束，不再接受意见。"
            )
            return self._render(request, context=context, status=403)

        limit = guards.comment_rate_limit()
        ip = client_ip(request)
        ip_key = f"comment-ip:{ip}"
        if guards.rate_limited([ip_key], limit):
            context["refusal"] = f"提交过于频繁：同一网络每小时最多提交{limit}条意见，请稍后再试。"
            return self._render(request, context=context, status=429)

        form = CommentForm(request.POST, request.FILES, consultation=self)
        if not form.is_valid():
            context["form"] = form
            return self._render(request, context=context, status=400)

        contact_key = form.contact_key
        # The early check above is only a cheap refusal; this one decides, atomically.
        over = guards.take([ip_key, guards.contact_counter_key(contact_key)], limit)
        if over:
            context["form"] = form
            context["refusal"] = (
                f"提交过于频繁：同一网络每小时最多提交{limit}条意见，请稍后再试。"
                if ip_key in over
                else f"提交过于频繁：同一联系方式每小时最多提交{limit}条意见，请稍后再试。"
            )
            return self._render(request, context=context, status=429)

        comment, created = self._store_comment(form, contact_key, body_hash(form.cleaned_data["body"]), ip)
        return self._receipt_response(request, comment, created)

    def _receipt_response(self, request, comment, created):
        """Send the sender to the receipt of a stored comment.

        The comment is committed: nothing that fails from here on may answer
        an error and hide its tracking code.  When the session (the proof that
        this browser sent the comment) cannot be saved, the receipt is shown
        in this response instead.
        """
        try:
            with transaction.atomic():
                receipts = request.session.get(RECEIPT_SESSION_KEY, [])
                request.session[RECEIPT_SESSION_KEY] = [*receipts[-9:], comment.tracking_code]
                request.session.save()
        except DatabaseError:
            logger.exception("Comment %s stored, but its receipt could not be kept in the session", comment.pk)
            request.session.modified = False
            return self.render(
                request, template="consultations/comment_receipt.html", context_overrides={"comment": comment}
            )
        if not created:
            messages.info(request, "您此前已提交过相同的意见，系统未重复登记，查询码与首次提交相同。")
        return redirect(self.url + self.reverse_subpage("receipt", args=[comment.tracking_code]))

    def _store_comment(self, form, contact_key, digest, ip):
        existing = Comment.objects.filter(consultation=self, contact_key=contact_key, body_hash=digest).first()
        if existing:
            return existing, False
        data = form.cleaned_data
        labels = dict(self.article_choices())
        words = SensitiveWord.found_in(data["body"], data["name"])
        try:
            with transaction.atomic():
                comment = Comment.objects.create(
                    consultation=self,
                    name=data["name"].strip(),
                    identity_type=data["identity_type"],
                    phone=data["phone"],
                    email=data["email"],
                    contact_key=contact_key,
                    article_anchor=data["article"],
                    article_label=labels.get(data["article"], ""),
                    body=data["body"],
                    body_hash=digest,
                    ip_address=ip,
                    is_flagged=bool(words),
                    flagged_words="、".join(words)[:255],
                )
                for upload, mime in data["attachments"]:
                    attachment = CommentAttachment(
                        comment=comment, original_name=upload.name[:255], content_type=mime, size=upload.size
                    )
                    attachment.file.save(upload.name, upload, save=True)
        except IntegrityError:
            # The same comment arrived twice at once (double click, two servers): keep the first.
            return Comment.objects.get(consultation=self, contact_key=contact_key, body_hash=digest), False
        return comment, True

    @path("receipt/<str:code>/", name="receipt")
    def receipt(self, request, code):
        # Only the browser that submitted the comment sees its receipt.
        if code not in request.session.get(RECEIPT_SESSION_KEY, []):
            return redirect(self.url + self.reverse_subpage("status"))
        comment = Comment.objects.filter(consultation=self, tracking_code=code).first()
        if comment is None:
            return redirect(self.url)
        return self.render(
            request, template="consultations/comment_receipt.html", context_overrides={"comment": comment}
        )

    @path("status/", name="status")
    def status_lookup(self, request):
        template = "consultations/comment_status.html"
        if request.method != "POST":
            return self._render(request, template=template, context={"lookup_form": StatusLookupForm()})
        form = StatusLookupForm(request.POST)
        context = {"lookup_form": form}
        limit = guards.lookup_rate_limit()
        ip_key = f"lookup-ip:{client_ip(request)}"
        if guards.rate_limited([ip_key], limit):
            context["lookup_error"] = "查询过于频繁，请一小时后再试。"
            return self._render(request, template=template, context=context, status=429)
        if not form.is_valid():
            return self._render(request, template=template, context=context, status=400)
        if guards.take([ip_key], limit):
            context["lookup_error"] = "查询过于频繁，请一小时后再试。"
            return self._render(request, template=template, context=context, status=429)
        code = normalise_tracking_code(form.cleaned_data["code"])
        comment = Comment.objects.filter(consultation=self, tracking_code=code).first()
        # A wrong code and a wrong contact get the same answer, so neither can be probed.
        if comment is None or not contact_matches(comment, form.cleaned_data["contact"]):
            context["lookup_error"] = "未找到与该查询码和联系方式相符的意见，请核对后重新输入。"
            return self._render(request, template=template, context=context, status=404)
        context["comment"] = comment
        return self._render(request, template=template, context=context)

    def _render(self, request, template=None, context=None, status=200):
        response = self.render(request, template=template, context_overrides=context or {})
        response.status_code = status
        return response
