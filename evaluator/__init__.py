"""Values and the expression evaluator, with TLC's semantics."""
