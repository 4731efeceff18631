"""Small state machines with guarded, audited transitions (流程). See definitions.py for how a
model declares its workflow, services.transition to apply one, selectors for UIs."""
