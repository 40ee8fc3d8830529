#!/usr/bin/env python3
"""Checks questionnaires against questionnaires/schema.json with Debian's python3-jsonschema.

Usage: check_schema.py SCHEMA QUESTIONNAIRE...

Every QUESTIONNAIRE must be accepted: the schema is for editors and is looser than the kiosk validator, but
a file the kiosk accepts must not be flagged in an editor. To keep the check honest (a schema that accepts
everything would pass), broken copies of the first QUESTIONNAIRE, each with one mistake the schema is meant
to catch, must be rejected.
"""
import copy
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("check_schema: python3-jsonschema is missing (apt-get install python3-jsonschema, "
             "or run scripts/setup.sh)")


def load(path):
    # utf-8-sig: questionnaire files may start with a BOM, as the kiosk allows.
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def first_item(doc):
    return doc["areas"][0]["competencies"][0]["items"][0]


# One mistake each, all of them errors for the kiosk validator too.
MISTAKES = {
    "wrong format": lambda d: d.__setitem__("format", "kiosk-questionnaire/2"),
    "upper-case id": lambda d: d.__setitem__("id", "Danang"),
    "unknown top-level key": lambda d: d.__setitem__("titel", d["title"]),
    "missing areas": lambda d: d.pop("areas"),
    "bad dimension": lambda d: first_item(d).__setitem__("dimension", "skills"),
    "level description as plain text": lambda d: d["scoring"]["levels"][0].__setitem__("description", "Khá"),
    "area level descriptions as a list": lambda d: d["areas"][0].__setitem__("level_descriptions", []),
    "area level description that is not a text": lambda d: d["areas"][0].__setitem__(
        "level_descriptions", {d["scoring"]["levels"][0]["id"]: 3}),
}


def pointer(error):
    return "".join("/" + str(p) for p in error.absolute_path)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    schema = load(argv[1])
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failures = 0
    for path in argv[2:]:
        errors = list(validator.iter_errors(load(path)))
        for e in errors:
            print(f"{path}: {pointer(e)}: {e.message}")
        failures += bool(errors)
        print(f"{path}: {'REJECTED' if errors else 'accepted'}")
    for name, mistake in MISTAKES.items():
        doc = copy.deepcopy(load(argv[2]))
        mistake(doc)
        if validator.is_valid(doc):
            failures += 1
            print(f"{argv[2]} with {name}: ACCEPTED, but the schema should reject it")
        else:
            print(f"{argv[2]} with {name}: rejected as it should be")
    print(f"check_schema: {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
