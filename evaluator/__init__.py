"""Values and the expression evaluator, with TLC's semantics.

Modules, each with one job (see each module's docstring for its API):

* ``values``       the Python representation of TLA+ values, equality, membership, TLC's order
* ``printing``     TLC's toString and pretty printer (``format_value``, ``pretty``)
* ``fingerprint``  stable 64-bit fingerprints of values and states
* ``context``      ``CallContext`` handed to builtins that ask for it (TLCGet, Print, ...)
* ``scope``        name resolution: entries for variables, constants, definitions, instances
* ``compiler``     expressions compiled once into closures ``fn(s, t, e)``
* ``actions``      Init/Next enumeration in continuation-passing style; TLC's action split
* ``intern_order`` seeding TLC's string intern order from a module tree
* ``model``        ``build_model(tree, ...)``: the API the model checker calls
* ``loading``      a small module loader for the Python API and tests
* ``api``          ``evaluate(text, **names)``, ``load(path, constants=...)``
"""
