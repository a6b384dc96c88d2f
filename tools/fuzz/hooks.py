"""schemathesis hooks for `make fuzz` (loaded through `hooks` in schemathesis.toml)."""
import re
import uuid

import schemathesis

VALID_KEY = re.compile(r"^[\x20-\x7E]{1,255}$")


@schemathesis.hook
def before_call(context, case, kwargs):
    # A client sends a fresh Idempotency-Key with every new request. The fuzzer draws keys from the schema and
    # sends the same few ("0", "00") with different bodies, which the API rightly refuses with 422 (the key is
    # reused). In positive cases a valid key is therefore made unique. Negative cases are left exactly as generated:
    # editing them would make schemathesis revalidate the case and send a header it meant to leave out.
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return
    for name, value in list((case.headers or {}).items()):
        if name.lower() == "idempotency-key" and isinstance(value, str) and VALID_KEY.match(value):
            case.headers[name] = str(uuid.uuid4())
