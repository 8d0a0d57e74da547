"""What the workflow list and the workflow detail both do to a workflow.

One mixin, so `e`, `t`, `x` mean the same thing (and write the same
ChangeEvents) wherever the cursor is.
"""

from __future__ import annotations

from aiops_tui.domain.models import Workflow
from aiops_tui.screens.base import AppScreen
from aiops_tui.storage.db import StoreError


class WorkflowActions(AppScreen):
    """Subclasses say which workflow is meant by implementing `current_workflow`."""

    def current_workflow(self) -> Workflow | None:
        raise NotImplementedError

    def _after_save(self, result: object) -> None:
        if result is not None:
            self.refresh_data()

    def action_edit(self) -> None:
        wf = self.current_workflow()
        if wf is not None:
            from aiops_tui.screens.workflow_form import WorkflowForm  # the forms load on use

            self.app.push_screen(WorkflowForm(self.store, wf), self._after_save)

    def action_change_status(self) -> None:
        wf = self.current_workflow()
        if wf is None:
            return

        def done(result: Workflow | None) -> None:
            if result is not None:
                self.notify(f"{result.name} is now {result.status}.", markup=False)
                self.refresh_data()

        from aiops_tui.screens.status_form import StatusForm

        self.app.push_screen(StatusForm(self.store, wf), done)

    def action_mark_reviewed(self) -> None:
        wf = self.current_workflow()
        if wf is None:
            return
        try:
            self.store.workflows.mark_reviewed(wf.id or 0)
        except StoreError as error:
            self.notify_error(str(error))
            return
        self.notify(f"Marked {wf.name} reviewed today.", markup=False)
        self.refresh_data()
