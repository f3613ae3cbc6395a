"""Japanese SIST 02 access dates: "（参照 2019-09-22）" after the URL (issue 13)."""

from citeaudit.notes import parse_note


def test_a_bracketed_sansho_with_a_date_is_the_access_date() -> None:
    note = parse_note(
        "[L1] Langfuse Data Model: https://langfuse.com/docs/data-model（参照 2026-06-10）"
    )
    assert note.access_date is not None and note.access_date.isoformat() == "2026-06-10"
    assert note.title == "Langfuse Data Model"


def test_sansho_in_running_text_is_not_an_access_label() -> None:
    # "参照" alone means "see": only SIST's bracketed form before a date is a label.
    note = parse_note("詳しくは第3章を参照 2019年5月3日の報告による。")
    assert note.access_date is None


def test_a_bracketed_sansho_before_a_count_is_not_a_date() -> None:
    note = parse_note("設定は (参照 20 ファイル) を見よ。https://example.jp/settings")
    assert note.access_date is None
