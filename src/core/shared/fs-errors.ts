/** The one wording of file system failures (Node's errno codes) for messages the user reads. */

/** The errno code of a file system error (`ENOENT`, `EACCES`, …), or "" for anything else. */
export function errnoCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
}

/** True for errors that come from the file system (Node's fs codes). */
export function isFsError(error: unknown): boolean {
  return /^E[A-Z]+$/.test(errnoCode(error));
}

/**
 * Why a file or folder could not be used, in words (no errno codes), for a clause after "can't be
 * used: ". `doing` says whether it was being read or written, which decides the generic wording.
 */
export function fsProblem(error: unknown, doing: "read" | "write"): string {
  return knownFsProblem(error, doing) ?? (doing === "read" ? "it can't be read" : "the files there could not be read or written");
}

/** The words for a failure the user can fix (a file in the way, no permission, disk full), else null. */
export function knownFsProblem(error: unknown, doing: "read" | "write"): string | null {
  switch (errnoCode(error)) {
    case "EEXIST":
    case "ENOTDIR":
      return "a file is in the way (the folder or one above it is a file)";
    case "EISDIR":
      return doing === "read" ? "it is a folder, not a file" : "a file is in the way (the folder or one above it is a file)";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `there is no permission to ${doing === "read" ? "read it" : "write there"}`;
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full";
    default:
      return null;
  }
}
