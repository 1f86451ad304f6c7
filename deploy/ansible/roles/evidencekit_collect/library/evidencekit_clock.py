#!/usr/bin/python
# The documentation of the evidencekit_clock action (action_plugins/evidencekit_clock.py does the work on the
# controller, as Ansible's own debug and set_fact do); run on a host by itself, this module only says so.
from __future__ import annotations

DOCUMENTATION = r"""
module: evidencekit_clock
short_description: Measure a host's clock offset against the controller
description:
  - Runs C(date -u +%s.%N) on the host three times, noting the controller's time just before and after each.
  - The offset is the host's reading minus the middle of that window; its uncertainty is half the round trip.
  - The try with the shortest round trip is kept.
options: {}
author: EvidenceKit
"""

RETURN = r"""
offset_seconds:
  description: Host clock minus controller clock, in seconds.
  type: float
  returned: success
uncertainty_seconds:
  description: Half the round trip of the measurement, in seconds.
  type: float
  returned: success
measured_at:
  description: When it was measured, on the controller's clock (ISO 8601 UTC).
  type: str
  returned: success
reference:
  description: Always C(controller).
  type: str
  returned: success
"""

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec={}, supports_check_mode=True)
    module.fail_json(msg="evidencekit_clock runs on the controller through its action plugin; it was run as a module on the host")


if __name__ == "__main__":
    main()
