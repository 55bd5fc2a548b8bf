from wagtail import hooks

from applications.handling import record_table


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for action, label in record_table():
        actions.register_action(action, label, label)
