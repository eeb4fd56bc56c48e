export function titleLikeEntry(text: string): string | undefined;
export function changesetProblems(file: string): string[];
export function changelogProblems(changelog: string): string[];
