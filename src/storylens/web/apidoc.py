"""Turns the OpenAPI spec into the plain view model that the self-hosted /docs page shows."""

from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def type_name(schema: dict[str, Any]) -> str:
    """A short human name for a JSON schema: ``list[Article]``, ``string | null``."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(type_name(s) for s in schema[key])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list[{type_name(schema.get('items') or {})}]"
    if kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        return f"object[{type_name(extra) if isinstance(extra, dict) else 'any'}]"
    return str(kind)


def _body(operation: dict[str, Any]) -> str | None:
    content = (operation.get("requestBody") or {}).get("content") or {}
    for media, spec in content.items():
        return f"{type_name(spec.get('schema') or {})} ({media})"
    return None


def _anchor(method: str, path: str) -> str:
    return f"{method}{path}".replace("/", "-").replace("{", "").replace("}", "")


def _description(schema: dict[str, Any] | None) -> str:
    return (schema or {}).get("description", "")


def describe(spec: dict[str, Any]) -> dict[str, Any]:
    operations = []
    for path, item in sorted((spec.get("paths") or {}).items()):
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [
                {
                    "name": p["name"],
                    "where": p.get("in", ""),
                    "required": bool(p.get("required")),
                    "type": type_name(p.get("schema") or {}),
                    "description": p.get("description") or _description(p.get("schema")),
                }
                for p in op.get("parameters") or []
            ]
            responses = [
                {"code": code, "description": r.get("description", "")}
                for code, r in sorted((op.get("responses") or {}).items())
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": _body(op),
                    "responses": responses,
                    "anchor": _anchor(method, path),
                }
            )
    schemas = []
    for name, schema in sorted(((spec.get("components") or {}).get("schemas") or {}).items()):
        required = set(schema.get("required") or [])
        fields = [
            {
                "name": field,
                "type": type_name(sub),
                "required": field in required,
                "description": sub.get("description", ""),
            }
            for field, sub in (schema.get("properties") or {}).items()
        ]
        schemas.append(
            {"name": name, "description": schema.get("description", ""), "fields": fields}
        )
    info = spec.get("info") or {}
    return {
        "title": info.get("title", "API"),
        "version": info.get("version", ""),
        "description": info.get("description", ""),
        "operations": operations,
        "schemas": schemas,
    }
