/**
 * A problem writing the rendered tree, as one line that names the path, the cause and the fix.
 * The CLI prints it without a stack trace.
 */
export class WriteError extends Error {
  constructor(
    message: string,
    /** The path (relative to the repository) the problem is about, when there is one. */
    readonly path?: string,
    /** The errno code (`EROFS`, `ENOSPC` …) when the file system refused. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WriteError';
  }
}

/** What each errno means for someone rendering, and what to do about it. */
const causes: Readonly<Record<string, string>> = {
  EROFS: 'the file system is read-only: render in a writable checkout (or remount it read-write)',
  EACCES: 'permission denied: make it writable for this user (chmod u+w) or render as its owner',
  EPERM: 'the operation is not permitted (an immutable or protected file?): lift the protection and render again',
  ENOSPC: 'no space left on the device: free some space and render again',
  EDQUOT: 'the disk quota is exhausted: free some space and render again',
  EEXIST: 'something already exists there: move it away and render again',
  ENOTDIR: 'a part of the path is a file, not a folder: move that file away and render again',
  EISDIR: 'a folder sits where the renderer writes a file: move the folder away and render again',
  ENOTEMPTY: 'a folder that should be empty is not: look inside it, move its files away and render again',
  EXDEV: 'the staging folder and the target are on different file systems: keep .render/ inside the repository, next to deploy/',
  EMFILE: 'too many open files: raise the limit (ulimit -n) and render again',
  ENFILE: 'too many open files on the system: close some programs and render again',
  ENAMETOOLONG: 'the path is too long for the file system: use a shorter environment or object name',
  EIO: 'an input/output error: check the disk (dmesg) before rendering again',
  ENOENT: 'a folder disappeared while the renderer wrote into it (another program deleting files?): render again',
};

interface ErrnoLike {
  code?: string;
  path?: string;
  dest?: string;
  syscall?: string;
  message?: string;
}

/** True for an error raised by a file-system call (it carries an errno code such as `EROFS`). */
export function isFileSystemError(error: unknown): boolean {
  const e = error as ErrnoLike | undefined;
  return typeof e?.code === 'string' && /^E[A-Z0-9]+$/.test(e.code) && typeof e.syscall === 'string';
}

/**
 * One line for a file-system error: `<path>: cannot <action>: <cause> (<CODE>)`. `display` turns the
 * absolute path Node reports into the one the user knows (relative to the repository).
 */
export function describeFileSystemError(error: unknown, action: string, display: (path: string) => string): WriteError {
  if (error instanceof WriteError) return error;
  const e = error as ErrnoLike;
  const code = e.code ?? 'EUNKNOWN';
  const path = e.path === undefined ? undefined : display(e.path);
  const cause =
    (code === 'EEXIST' && e.syscall === 'mkdir' ? causes.ENOTDIR : causes[code]) ??
    `${(e.message ?? String(error)).replace(/^[A-Z0-9]+: /, '').replace(/, \w+ '.*$/, '')}`;
  return new WriteError(`${path ?? '(repository)'}: cannot ${action}: ${cause} (${code})`, path, code);
}
