"""The one set of dossier states and transition groups.

Every page, service, statistic and export that groups dossiers by state
reads these tuples, so that "pending" means the same thing everywhere.
"""

#: Every state of ``luanthanh_dossier_workflow``, in the order of the process.
STATES = (
    "intake",
    "processing",
    "supplement",
    "approval",
    "result",
    "returned",
    "rejected",
    "stopped",
    "withdrawn",
)
#: Not yet settled: these count for "due" and "overdue" on the dashboard.
UNRESOLVED = ("intake", "processing", "supplement", "approval")
#: Received and not yet resolved: an apology (mẫu 04) may be issued.
RECEIVED_UNRESOLVED = ("processing", "supplement", "approval")
#: Still on someone's desk (the result waits to be handed over).
OPEN = (*UNRESOLVED, "result")
#: Being worked on by the center (the citizen waits, nothing is asked of them).
RUNNING = ("processing", "approval")
#: Finished with: nothing more will happen to the dossier.
CLOSED = ("returned", "rejected", "stopped", "withdrawn")
#: States a tracking-book row carries a note for.
NOTED = ("supplement", "rejected", "stopped", "withdrawn")

#: Transitions that settle a received dossier (set ``resolved_at``).
RESOLVING = ("approve", "deny")
#: Transitions after which the center has finished with a received dossier:
#: they set ``closed_at`` (the statistics' "resolved, withdrawn or stopped").
CLOSING = (*RESOLVING, "withdraw", "stop")
#: Transitions that need a written reason (the comment).
COMMENT_REQUIRED = ("refuse", "deny", "request_supplement", "send_back", "stop")
