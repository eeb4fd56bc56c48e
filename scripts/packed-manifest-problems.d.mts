export function packedManifestProblems(packed: { manifest: Record<string, unknown>; files: readonly string[] }): string[];
