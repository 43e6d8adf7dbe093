"""TLC compatibility: .cfg files, command-line flags, message texts, exit codes, traces.

One job per module:

* :mod:`cfg` reads .cfg files (``parse_cfg``, ``read_cfg``) into a ``ModelConfig``;
* :mod:`options` parses TLC's command line into ``Options``; :mod:`help` is pytlc's help;
* :mod:`codes` names TLC's message codes (``EC``); :mod:`exitcodes` maps them to exit
  statuses; :mod:`messages` holds the message catalogue and the ``Reporter``;
* :mod:`report_format` formats durations, probabilities, grouped numbers, statistics;
  :mod:`banner` gives the parameters of the start-up lines;
* :mod:`varorder` orders a state's variables as TLC prints them;
* :mod:`trace_model` describes a counterexample for the writers :mod:`trace_json`,
  :mod:`trace_tla`, :mod:`trace_itf` (``-dumpTrace``, all at once: :mod:`trace_dump`) and
  :mod:`trace_te` (the TE spec);
  :mod:`state_dump` writes ``-dump`` files; :mod:`coverage` prints ``-coverage`` reports.
"""
