-------------------------------- MODULE Json --------------------------------
(***************************************************************************)
(* Conversion of values to JSON text, and JSON files read and written as  *)
(* values.  Records become objects, sequences (and sets) arrays; reading  *)
(* turns objects into records and arrays into sequences.  The evaluator  *)
(* replaces every operator by a native implementation                     *)
(* (tla.modules.impl_json); file names are resolved against the           *)
(* specification's directory.  The bodies give the result values only:   *)
(* the text of JSON cannot reasonably be computed in TLA+.               *)
(***************************************************************************)
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE TLC
-----------------------------------------------------------------------------
(* The JSON text of value. *)
ToJson(value) == CHOOSE s \in STRING : TRUE

(* The JSON text of value as an array, and as an object. *)
ToJsonArray(value) == CHOOSE s \in STRING : TRUE

ToJsonObject(value) == CHOOSE s \in STRING : TRUE

(* TRUE; writes value (a sequence: as a JSON array) to the file. *)
JsonSerialize(absoluteFilename, value) == TRUE

(* The value of the JSON document in the file. *)
JsonDeserialize(absoluteFilename) == CHOOSE val : TRUE

(* TRUE; writes the elements of the sequence value to the file, one JSON  *)
(* document per line.                                                      *)
ndJsonSerialize(absoluteFilename, value) == TRUE

(* The sequence of the JSON documents on the lines of the file. *)
ndJsonDeserialize(absoluteFilename) == CHOOSE val : TRUE
=============================================================================
