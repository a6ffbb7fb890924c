import type { Browser, LaunchOptions } from '@playwright/test';

export declare const chromiumLaunchOptions: LaunchOptions & { executablePath: string; args: string[] };
export declare function launchChromium(): Promise<Browser>;
