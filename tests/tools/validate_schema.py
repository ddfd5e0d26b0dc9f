"""Validates a carepath plan (TOML or JSON) against the JSON Schema: exit 0 when valid.
usage: validate_schema.py SCHEMA PLAN"""
import datetime, json, sys, tomllib
import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
path = sys.argv[2]
if path.endswith(".toml"):
    def dates(v):
        if isinstance(v, (datetime.date, datetime.datetime)):
            return v.isoformat()
        if isinstance(v, dict):
            return {k: dates(x) for k, x in v.items()}
        if isinstance(v, list):
            return [dates(x) for x in v]
        return v
    plan = dates(tomllib.load(open(path, "rb")))
else:
    plan = json.load(open(path, encoding="utf-8"))
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(plan), key=lambda e: list(e.path))
for e in errors:
    print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
