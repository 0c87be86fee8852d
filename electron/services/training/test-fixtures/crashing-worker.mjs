// A training worker that dies at once, as a native crash or an out-of-memory kill would.
process.exit(7);
