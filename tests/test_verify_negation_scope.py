"""Both claim and page say *not*: the verdict depends on what each *not* bears on."""

from __future__ import annotations

from citeaudit.verify import Label, verify_claim

DIRECTIVE = ("A Do Not Resuscitate directive is a document signed by you and your doctor "
             "that records your wish NOT to have cardiopulmonary resuscitation started should "
             "your breathing stop or your heart stop beating.")


def test_a_page_negating_what_the_claim_affirms_caps_it() -> None:
    v = verify_claim("If the patient is not breathing, the doctor should start cardiopulmonary "
                     "resuscitation.", DIRECTIVE)
    assert v.label is Label.PARTIALLY_SUPPORTED, v.reason
    failed = [c.detail for c in v.checks if not c.ok]
    assert any("says it is not so of" in d and "resuscitation" in d for d in failed), failed


def test_the_same_negation_on_both_sides_supports() -> None:
    v = verify_claim("The directive records the wish not to have cardiopulmonary resuscitation "
                     "started.", DIRECTIVE)
    assert v.label is Label.SUPPORTED, v.reason


def test_a_page_negating_more_than_the_claim_still_shares_its_negation() -> None:
    page = ("The club did not play in the cup that year, and it did not win the league in "
            "1998 either, finishing a distant fourth behind the champions.")
    v = verify_claim("The club did not win the league in 1998.", page)
    assert v.label is Label.SUPPORTED, v.reason
