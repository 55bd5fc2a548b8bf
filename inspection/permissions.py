"""Who sees which findings: the office sees all, a department's reviewers and editors their own."""

from review.departments import user_organisations

from .models import Finding

# Held by the office and the leaders (复审, 终审, 网站管理员, 监督员); a department's 初审 reviewers
# and editors see their own department only.
OFFICE_PERMISSION = "inspection.view_all_findings"


def sees_all_findings(user):
    return user.is_active and (user.is_superuser or user.has_perm(OFFICE_PERMISSION))


def findings_visible_to(user):
    if not user.is_authenticated or not user.is_active:
        return Finding.objects.none()
    if sees_all_findings(user):
        return Finding.objects.all()
    return Finding.objects.filter(organisation__in=user_organisations(user))


def may_open_dashboard(user):
    return sees_all_findings(user) or user_organisations(user).exists()
