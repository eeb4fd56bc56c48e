export const root: string;
export function workspaceFolders(): string[];
export function publicPackages(): { folder: string; path: string; manifest: { name: string; version: string; private?: boolean; exports?: Record<string, unknown>; [field: string]: unknown } }[];
export function pack(path: string, destination: string): string;
export function readTarball(tarball: string): { manifest: Record<string, unknown>; files: string[] };
