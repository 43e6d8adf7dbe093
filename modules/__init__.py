"""Standard and community modules: our own ``.tla`` declarations and the Python
implementations of their operators (see :mod:`tla.modules.registry`)."""
