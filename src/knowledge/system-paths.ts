import { sep } from "node:path";

/**
 * Kernel file systems: reading them exposes the process itself (`/proc/self/environ` holds every
 * token; `/proc/self/fd/0` is stdin) or never ends (`/dev/zero`, `/dev/urandom`). Nothing the bot
 * reads or writes may resolve into them, whatever a setting or a symlink says.
 */
export const SYSTEM_ROOTS = ["/proc", "/sys", "/dev"] as const;

/** True when an absolute, already-resolved path is one of the system roots or below one. */
export function isSystemPath(realPath: string): boolean {
  return SYSTEM_ROOTS.some((root) => realPath === root || realPath.startsWith(root + sep));
}
