-------------------------------- MODULE CSV ---------------------------------
(***************************************************************************)
(* Reading and writing CSV files.  The evaluator replaces the operators   *)
(* by native implementations (tla.modules.impl_csv); file names are       *)
(* resolved against the specification's directory.  Writing operators    *)
(* equal TRUE and append one line to the file.                            *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers

(***************************************************************************)
(* Appends a line to file: template with its placeholders %1$s, %2$s ... *)
(* replaced by the printed elements of the sequence val (strings without  *)
(* their quotes).                                                          *)
(***************************************************************************)
CSVWrite(template, val, file) == TRUE

(***************************************************************************)
(* Appends the values of record, separated by delim, to file; when        *)
(* headers is TRUE, first a line of its field names.                      *)
(***************************************************************************)
CSVWriteRecord(record, delim, headers, file) == TRUE

(***************************************************************************)
(* The lines of file as a sequence of records whose fields are the        *)
(* strings in columns and whose values are the line's fields, split at    *)
(* delimiter.                                                              *)
(***************************************************************************)
CSVRead(columns, delimiter, file) == CHOOSE s : TRUE

(* The number of lines in file (0 if it does not exist). *)
CSVRecords(file) == CHOOSE n \in Nat : TRUE
=============================================================================
