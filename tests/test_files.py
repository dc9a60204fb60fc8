"""Atomic writes: readers see the old file or the new one, and a failed write leaves nothing."""
from __future__ import annotations

import pandas as pd
import pytest

from entente import files


def test_a_write_replaces_the_target_in_one_step(tmp_path):
    target = tmp_path / "sub" / "page.html"
    files.write_text(target, "old")
    files.write_text(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = files.write_frame(tmp_path / "t.parquet", pd.DataFrame({"a": [1]}))
    with pytest.raises(RuntimeError):
        with files.atomic_path(target) as partial:
            partial.write_text("half")
            raise RuntimeError("disk hiccup")
    assert pd.read_parquet(target)["a"].tolist() == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def test_temporary_names_are_hidden_and_marked_partial(tmp_path):
    partial = files.partial_path(tmp_path / "chart.png", suffix=".png")
    assert partial.name.startswith(".chart.png.") and partial.name.endswith(".partial.png")
