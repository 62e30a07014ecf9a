// A command's output piped into a reader that stops early (`… | head -1`): the next write fails with
// EPIPE, which Node reports as an unhandled error with a stack trace. Unix tools end there without a
// word (SIGPIPE); so do the CLIs, with the exit code the command had so far.

export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
