/**
 * Imported first by the sync process's entry: sizes libuv's thread pool before anything uses it
 * (libuv reads UV_THREADPOOL_SIZE once, when the pool starts). The pool runs every file operation
 * and disk sync of receiving: each package's three files and their folders, the WAL after each
 * group (docs/reliability.md#wal-sync), from eight packages at once. With the default four
 * threads, the operations of some packages queued behind others' disk syncs while both of the
 * process's threads sat idle (docs/architecture.md, "Receiving many packages"). A size set
 * in the environment is kept.
 */
process.env.UV_THREADPOOL_SIZE ??= '16';
