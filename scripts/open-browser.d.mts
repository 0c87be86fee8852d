// Types of open-browser.mjs (a plain script so `npm start` runs without a compile step).
export function openCommand(platform: string, url: string): [string, string[]];
export function openBrowser(url: string, platform?: string): Promise<boolean>;
