---- MODULE Assumes ----
EXTENDS Naturals
CONSTANT N
ASSUME N > 5
====
