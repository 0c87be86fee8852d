/** The path of Electron's binary, or null when it is not installed. */
export function electronBinary(): string | null;
