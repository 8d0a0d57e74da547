"""Review storage: the data check at intake, the flags stored, and the rework figures."""

from __future__ import annotations

from aiops_tui.domain.data_check import MAX_FLAGS, data_flags, forbidden_classes
from aiops_tui.domain.models import DataClassName as D
from aiops_tui.domain.models import DataPolicy as P
from aiops_tui.domain.models import ReviewItem
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.storage.store import Store

POLICIES = {
    D.PUBLIC: P.ALLOWED,
    D.INTERNAL: P.ALLOWED,
    D.CONFIDENTIAL: P.NEEDS_APPROVAL,
    D.CUSTOMER_PERSONAL: P.NEEDS_APPROVAL,
    D.FINANCIAL: P.NEEDS_APPROVAL,
    D.CREDENTIALS: P.FORBIDDEN,
}


def test_forbidden_classes_follow_the_global_and_workflow_policy() -> None:
    assert forbidden_classes([], POLICIES) == {
        D.CONFIDENTIAL,
        D.CUSTOMER_PERSONAL,
        D.FINANCIAL,
        D.CREDENTIALS,
    }
    # listed by the workflow: cleared, unless forbidden everywhere
    assert forbidden_classes([D.CUSTOMER_PERSONAL, D.CREDENTIALS], POLICIES) == {
        D.CONFIDENTIAL,
        D.FINANCIAL,
        D.CREDENTIALS,
    }
    # allowed globally: never flagged, listed or not
    assert D.PUBLIC not in forbidden_classes([], POLICIES)


def test_flags_name_class_kind_part_and_line_but_not_the_secret() -> None:
    text = "Hi\nmail ana@example.com\napi_key = s3cr3tvalue99\n"
    flags = data_flags({"input": "", "output": text}, {D.CUSTOMER_PERSONAL, D.CREDENTIALS})
    assert flags == [
        "customer_personal: email, output line 2",
        "credentials: secret, output line 3",
    ]
    assert data_flags({"output": text}, {D.FINANCIAL}) == []
    assert data_flags({"output": text}, set()) == []
    many = "\n".join(f"user{i}@example.com" for i in range(50))
    capped = data_flags({"output": many}, {D.CUSTOMER_PERSONAL})
    assert len(capped) == MAX_FLAGS + 1 and capped[-1].startswith("…")


def _add(store: Store, workflow: str, output: str, inp: str = "") -> ReviewItem:
    wf = store.workflows.by_name(workflow)
    assert wf is not None
    return store.reviews.add(
        ReviewItem(
            workflow_id=wf.id or 0,
            title="t",
            input=inp,
            output=output,
            submitted_at=store.clock(),
        )
    )


def test_intake_stores_flags_for_what_the_workflow_may_not_use(sample_store: Store) -> None:
    mail = "Reply to jo.smith@example.org today."
    # support lists customer_personal as allowed: an e-mail address is fine there
    assert _add(sample_store, "Customer support drafting and triage", mail).data_flags == []
    # reporting lists only internal: the same address is flagged, in the input too
    item = _add(sample_store, "Internal reporting and meeting summaries", "ok", inp=mail)
    assert item.data_flags == ["customer_personal: email, input line 1"]
    row = sample_store.reviews.page(ReviewFilter(workflow_id=item.workflow_id))[0]
    assert row.flagged and row.flags == ("customer_personal: email, input line 1",)
    stored = sample_store.reviews.get(item.id or 0)
    assert stored is not None and stored.data_flags == item.data_flags


def test_globally_forbidden_class_is_flagged_even_when_listed(sample_store: Store) -> None:
    sample_store.db.conn.execute(
        "UPDATE data_classes SET policy = 'forbidden' WHERE name = 'financial'"
    )
    item = _add(
        sample_store,
        "Invoice reconciliation",
        "Card 4111 1111 1111 1111 was charged twice.",
    )
    assert item.data_flags == ["financial: card_number, output line 1"]


def test_rework_figures_come_from_corrections(sample_store: Store) -> None:
    support = sample_store.workflows.by_name("Customer support drafting and triage")
    assert support is not None
    rows = sample_store.db.query(
        "SELECT d.edit_ratio, r.workflow_id FROM review_decisions d"
        " JOIN review_items r ON r.id = d.item_id WHERE d.decided_at >= '2026-10-24T09:00:00'"
    )
    ratios = [r[0] for r in rows if r[0] is not None]
    rework = sample_store.reviews.rework(days=30)
    assert (rework.decided, rework.corrected) == (len(rows), len(ratios)) and len(ratios) > 3
    assert rework.mean_edit_ratio == round(sum(ratios) / len(ratios), 3)
    mine = sample_store.reviews.rework(days=30, workflow_id=support.id)
    theirs = [r[0] for r in rows if r[1] == support.id]
    assert (mine.decided, mine.corrected) == (
        len(theirs),
        len([r for r in theirs if r is not None]),
    )
