export function versionCollisions(packages: readonly { name: string; version: string; nextVersion: string }[], published: Record<string, readonly string[] | undefined>): string[];
export function registryVersions(name: string): string[] | undefined;
