# Measures a host's clock against the controller's: the controller's time just before and just after one
# "date -u +%s.%N" on the host; the host's reading is compared with the middle of that window, and half the
# round trip is the uncertainty. The best of three tries (shortest round trip) is kept.
from __future__ import annotations

import datetime
import time

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

TRIES = 3


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        best = None
        for _ in range(TRIES):
            before = time.time()
            answer = self._low_level_execute_command("date -u +%s.%N", sudoable=False)
            after = time.time()
            text = answer.get("stdout", "").strip()
            if answer.get("rc") != 0:
                raise AnsibleActionFail("date on the host failed: %s" % answer.get("stderr", "")[:200])
            try:
                host = float(text)
            except ValueError:
                raise AnsibleActionFail("the host's date did not print seconds.nanoseconds (%r)" % text[:64])
            middle = (before + after) / 2
            sample = (after - before, host - middle, middle)
            if best is None or sample[0] < best[0]:
                best = sample
        round_trip, offset, middle = best
        measured = datetime.datetime.fromtimestamp(middle, tz=datetime.timezone.utc)
        result.update(
            changed=False,
            reference="controller",
            offset_seconds=round(offset, 6),
            uncertainty_seconds=round(round_trip / 2, 6),
            measured_at=measured.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (measured.microsecond // 1000),
        )
        return result
