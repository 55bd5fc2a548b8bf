"""The statutory clock on real 2026 calendar cases; every expected date was counted by hand on the calendar.

2026 arrangement (国办发明电〔2025〕): 清明 4/4-4/6; 劳动节 5/1-5/5, 5/9 (Sat) works; 端午 6/19-6/21;
中秋 9/25-9/27; 国庆 10/1-10/7, 9/20 (Sun) and 10/10 (Sat) work.
"""

from datetime import date

import pytest

from applications import clock, handling
from applications.factories import ApplicationFactory
from applications.models import CalendarYear, State, StepKind
from core.models import WorkingDayOverride


def test_received_the_day_before_national_day_counts_none_of_the_golden_week():
    # Received Wed 9/30. 10/1-10/7 off; 10/8 Thu = 1, 10/9 = 2, 10/10 (make-up Sat) = 3, 10/12-16 = 4-8,
    # 10/19-23 = 9-13, 10/26-30 = 14-18, 11/2 = 19, 11/3 = 20.
    result = clock.compute(date(2026, 9, 30))
    assert result.deadline == date(2026, 11, 3)
    assert not result.provisional


def test_twentieth_working_day_on_a_make_up_saturday_is_the_deadline():
    # Received Mon 9/7. 9/8-9/11 = 1-4, 9/14-18 = 5-9, 9/20 (make-up Sun) = 10, 9/21-24 = 11-14
    # (9/25-27 中秋), 9/28-30 = 15-17, (10/1-7 国庆), 10/8 = 18, 10/9 = 19, 10/10 (make-up Sat) = 20.
    result = clock.compute(date(2026, 9, 7))
    assert result.deadline == date(2026, 10, 10)
    assert result.deadline.weekday() == 5


def test_correction_restarts_the_clock_from_the_corrected_application():
    # Received Mon 3/2; the 补正 notice is due within 7 working days: 3/3-3/6 = 1-4, 3/9-3/11 = 5-7 -> 3/11.
    # Corrected application Mon 3/16: 3/17-20 = 1-4, 3/23-27 = 5-9, 3/30-4/3 = 10-14, (清明 4/4-4/6),
    # 4/7-4/10 = 15-18, 4/13 = 19, 4/14 = 20.
    waiting = clock.compute(date(2026, 3, 2), correction_requested_on=date(2026, 3, 4))
    assert waiting.correction_notice_due == date(2026, 3, 11)
    assert waiting.deadline is None
    assert waiting.waiting_for_correction
    restarted = clock.compute(
        date(2026, 3, 2), correction_requested_on=date(2026, 3, 4), correction_received_on=date(2026, 3, 16)
    )
    assert restarted.starts_on == date(2026, 3, 16)
    assert restarted.deadline == date(2026, 4, 14)


def test_third_party_time_does_not_count():
    # Received Wed 5/6 (after 劳动节). Without a pause: 5/7 = 1, 5/8 = 2, 5/9 (make-up Sat) = 3,
    # 5/11-15 = 4-8, 5/18-22 = 9-13, 5/25-29 = 14-18, 6/1 = 19, 6/2 = 20.
    assert clock.compute(date(2026, 5, 6)).deadline == date(2026, 6, 2)
    # Sent to the third party Tue 5/12, answer Tue 5/26: paused 5/13-15, 5/18-22, 5/25-26 = 10 working days,
    # so 30 working days in all: 6/3-6/5 = 21-23, 6/8-12 = 24-28, 6/15 = 29, 6/16 = 30.
    paused = clock.compute(date(2026, 5, 6), pauses=[clock.Pause(date(2026, 5, 12), date(2026, 5, 26))])
    assert paused.paused_days == 10
    assert paused.deadline == date(2026, 6, 16)


def test_unanswered_third_party_holds_the_clock_for_its_fifteen_days():
    # Sent Tue 5/12; 15 working days: 5/13-15 = 3, 5/18-22 = 8, 5/25-29 = 13, 6/1 = 14, 6/2 = 15.
    pause = clock.Pause(date(2026, 5, 12))
    assert pause.due_on() == date(2026, 6, 2)
    assert clock.compute(date(2026, 5, 6), pauses=[pause]).paused_days == 15


def test_extension_adds_twenty_working_days():
    # Received Mon 6/1: 6/2-5 = 1-4, 6/8-12 = 5-9, 6/15-18 = 10-13 (端午 6/19-21), 6/22-26 = 14-18,
    # 6/29 = 19, 6/30 = 20. Extended by 20: 7/1-3 = 1-3, 7/6-10 = 4-8, 7/13-17 = 9-13, 7/20-24 = 14-18,
    # 7/27 = 19, 7/28 = 20.
    assert clock.compute(date(2026, 6, 1)).deadline == date(2026, 6, 30)
    assert clock.compute(date(2026, 6, 1), extension_days=20).deadline == date(2026, 7, 28)


def test_every_number_is_a_setting(settings):
    settings.GONGKAI_APPLICATION_REPLY_DAYS = 15
    # Received Mon 6/1, 15 working days: 6/2-5 = 4, 6/8-12 = 9, 6/15-18 = 13, 6/22 = 14, 6/23 = 15.
    assert clock.compute(date(2026, 6, 1)).deadline == date(2026, 6, 23)
    settings.GONGKAI_APPLICATION_CORRECTION_NOTICE_DAYS = 3
    assert clock.compute(date(2026, 6, 1)).correction_notice_due == date(2026, 6, 4)


def test_working_days_left_is_negative_once_late():
    assert clock.working_days_left(date(2026, 10, 10), date(2026, 9, 30)) == 3  # 10/8, 10/9, 10/10
    assert clock.working_days_left(date(2026, 10, 10), date(2026, 10, 10)) == 0
    assert clock.working_days_left(date(2026, 10, 9), date(2026, 10, 12)) == -2  # 10/10, 10/12


@pytest.mark.django_db
def test_a_deadline_in_a_year_without_holiday_data_is_provisional_until_the_office_enters_it():
    # Received Tue 12/15: 12/16-18 = 3, 12/21-25 = 8, 12/28-31 = 12, then 2027 has no official data.
    # Counted Monday to Friday it would be 1/1 = 13, 1/4-8 = 14-18, 1/11 = 19, 1/12 = 20: only a guess.
    application = ApplicationFactory(received_on=date(2026, 12, 15))
    assert application.deadline == date(2027, 1, 12)
    assert application.deadline_provisional
    # The office enters New Year's Day 2027 as a day off and confirms the year.
    WorkingDayOverride.objects.create(day=date(2027, 1, 1), is_working_day=False, note="元旦")
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    application.save()
    assert application.deadline == date(2027, 1, 13)
    assert not application.deadline_provisional


@pytest.mark.django_db
def test_the_record_follows_correction_third_party_and_extension(organisation, admin_user):
    application = handling.register(ApplicationFactory.build(organisation=organisation, received_on=date(2026, 3, 2)))
    assert application.deadline == date(2026, 3, 30)  # 3/3-6, 9-13, 16-20, 23-27, 30 = 20
    handling.assign(application, admin_user, organisation)
    handling.request_correction(application, admin_user, "请提供项目名称。", on=date(2026, 3, 4))
    application.refresh_from_db()
    assert application.state == State.CORRECTION
    assert application.deadline is None
    # 15 working days after 3/4: 3/5-6 = 2, 3/9-13 = 7, 3/16-20 = 12, 3/23-25 = 15.
    assert application.correction_due_on == date(2026, 3, 25)
    handling.receive_correction(application, admin_user, on=date(2026, 3, 16))
    assert application.deadline == date(2026, 4, 14)
    consultation = handling.consult_third_party(application, admin_user, "示例建设工程有限公司", on=date(2026, 3, 20))
    assert application.state == State.THIRD_PARTY
    # Paused 3/23-27 and 3/30-31 = 7 working days: 4/14 + 7 = 4/15-17, 4/20-23.
    handling.third_party_answered(consultation, admin_user, on=date(2026, 3, 31))
    application.refresh_from_db()
    assert application.deadline == date(2026, 4, 23)
    handling.request_extension(application, admin_user, 20, "需要调取多个科室的档案")
    application.refresh_from_db()
    assert application.deadline == date(2026, 4, 23)  # not before the head of the office approves
    handling.approve_extension(application, admin_user, on=date(2026, 4, 20))
    # 4/23 + 20: 4/24 = 1, 4/27-30 = 5, (劳动节 5/1-5/5), 5/6-8 = 8, 5/9 (Sat) = 9, 5/11-15 = 14,
    # 5/18-22 = 19, 5/25 = 20.
    assert application.deadline == date(2026, 5, 25)
    kinds = list(application.steps.values_list("kind", flat=True))
    assert kinds == [
        StepKind.REGISTERED,
        StepKind.CORRECTION_REQUESTED,
        StepKind.CORRECTION_RECEIVED,
        StepKind.THIRD_PARTY,
        StepKind.THIRD_PARTY_ANSWERED,
        StepKind.EXTENDED,
    ]
    assert sorted(application.letters.values_list("kind", flat=True)) == ["correction", "extension"]


@pytest.mark.django_db
def test_a_second_correction_notice_is_refused(organisation, admin_user):
    application = handling.register(ApplicationFactory.build(organisation=organisation))
    handling.request_correction(application, admin_user, "请明确年份。", on=date(2026, 3, 3))
    handling.receive_correction(application, admin_user, on=date(2026, 3, 5))
    with pytest.raises(handling.HandlingError, match="一次性"):
        handling.request_correction(application, admin_user, "再补充材料。", on=date(2026, 3, 6))
