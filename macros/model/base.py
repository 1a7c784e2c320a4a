"""Common ground for the company's data models: strict fields and source positions."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr, StringConstraints, model_validator

from ..yamlio import Mapping, Mark, locate

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
Audience = Literal["everyone", "internal"]
Status = Literal["draft", "effective", "obsolete"]
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Located(BaseModel):
    """A data entry that remembers the YAML mapping it came from, for file:line errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    _raw: Any = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_source(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        if isinstance(data, Mapping):
            obj._raw = data
        return obj

    def where(self, *loc: str | int) -> Mark:
        """Position of this entry, or of one of its fields (``where("steps", 2, "role")``)."""
        raw = self._raw
        fallback: Mark = getattr(raw, "mark", ("<data>", 0, 0))
        return locate(raw, loc, fallback) if raw is not None else fallback
