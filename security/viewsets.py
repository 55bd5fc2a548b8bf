"""The login records of django-axes in the Wagtail admin: who logged in or failed, from where, and the locks.

监督员 may read all three; lifting a lock (deleting its attempt record) takes
the delete permission, which superusers and 网站管理员 have.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from security import lockout


class RecordViewSet(ModelViewSet):
    """A listing with an inspect view and, where ``deletable``, a delete view: records are never edited."""

    deletable = False
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    exclude_form_fields = []
    list_per_page = 50
    # Every login record (axes' three tables) has these columns.
    ordering = ["-attempt_time"]
    search_fields = ["username", "ip_address"]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None)
        if not self.deletable:
            view_kwargs["delete_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        dropped = {"add", "edit"} | (set() if self.deletable else {"delete"})
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in dropped]


class LockedColumn(Column):
    def get_value(self, instance):
        return "已锁定" if lockout.is_locking(instance) else ""


class AccessAttemptViewSet(RecordViewSet):
    model = AccessAttempt
    deletable = True
    icon = "lock"
    menu_label = _("登录失败与锁定")
    name = "login_attempts"
    list_display = [
        Column("username", label=_("用户名")),
        Column("ip_address", label=_("地址")),
        Column("failures_since_start", label=_("失败次数")),
        DateColumn("attempt_time", label=_("最近一次尝试")),
        LockedColumn("locked", label=_("状态")),
    ]
    inspect_view_fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time", "path_info"]


class AccessLogViewSet(RecordViewSet):
    model = AccessLog
    icon = "user"
    menu_label = _("登录记录")
    name = "login_log"
    list_display = [
        Column("username", label=_("用户名")),
        Column("ip_address", label=_("地址")),
        DateColumn("attempt_time", label=_("登录时间")),
        DateColumn("logout_time", label=_("退出时间")),
    ]
    inspect_view_fields = ["username", "ip_address", "user_agent", "attempt_time", "logout_time", "path_info"]


class AccessFailureLogViewSet(RecordViewSet):
    model = AccessFailureLog
    icon = "warning"
    menu_label = _("登录失败记录")
    name = "login_failures"
    list_display = [
        Column("username", label=_("用户名")),
        Column("ip_address", label=_("地址")),
        DateColumn("attempt_time", label=_("时间")),
        Column("locked_out", label=_("触发锁定")),
    ]
    inspect_view_fields = ["username", "ip_address", "user_agent", "attempt_time", "locked_out", "path_info"]


class LoginRecordsGroup(ModelViewSetGroup):
    menu_label = _("登录安全")
    menu_icon = "lock"
    menu_order = 850
    items = (AccessAttemptViewSet, AccessLogViewSet, AccessFailureLogViewSet)
