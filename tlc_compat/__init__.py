"""TLC compatibility: .cfg files, command-line flags, message texts, exit codes, traces."""
