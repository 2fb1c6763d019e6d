"""The pure domain core: no I/O, no UI, no third-party engines."""
