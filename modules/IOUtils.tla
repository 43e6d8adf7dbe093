------------------------------ MODULE IOUtils -------------------------------
(***************************************************************************)
(* Input and output: values written to and read from files, environment  *)
(* variables, external processes.  The evaluator replaces the operators  *)
(* by native implementations (tla.modules.impl_ioutils).  File names are  *)
(* resolved against the specification's directory.  The IOExec operators *)
(* run programs, which pytlc refuses unless explicitly enabled.          *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt

(* TRUE; writes val to the file (compressed if compress is TRUE). *)
IOSerialize(val, absoluteFilename, compress) == TRUE

(* The value that IOSerialize wrote to the file. *)
IODeserialize(absoluteFilename, compressed) == CHOOSE val : TRUE

(***************************************************************************)
(* Writes value to dest in the format that options.format names ("TXT"   *)
(* writes a string as it is, with options.openOptions), and equals a      *)
(* record [exitValue, stdout, stderr] describing the outcome.            *)
(***************************************************************************)
Serialize(value, dest, options) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

(* The value read from src in the format that options.format names. *)
Deserialize(src, options) == CHOOSE val : TRUE
-----------------------------------------------------------------------------
(***************************************************************************)
(* Runs the program command[1] with the arguments command[2], ... (with  *)
(* the extra environment variables env, a set of pairs <<name, value>>)  *)
(* and equals [exitValue |-> ..., stdout |-> ..., stderr |-> ...].  The   *)
(* Template forms first substitute the elements of parameters for the    *)
(* printf-style placeholders (%s, %1$s, ...) of commandTemplate.          *)
(***************************************************************************)
IOExec(command) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

IOEnvExec(env, command) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

IOExecTemplate(commandTemplate, parameters) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

IOEnvExecTemplate(env, commandTemplate, parameters) ==
  CHOOSE r \in [exitValue : Int, stdout : STRING, stderr : STRING] : TRUE

(* The environment variables of the process, as a record of strings. *)
IOEnv == CHOOSE r \in [STRING -> STRING] : TRUE

(* The integer written in decimal in the string str ("42", "-17"). *)
atoi(str) == CHOOSE i \in Int : ToString(i) = str

(* The decimal digits of the natural number n, with zeros in front up to *)
(* width characters.                                                      *)
zeroPadN(n, width) ==
  LET s == ToString(n)
      zeros == [i \in 1 .. (width - Len(s)) |-> "0"]
  IN  FoldLeft(LAMBDA acc, z : acc \o z, "", zeros) \o s
=============================================================================
