import type { Plugin } from 'vite';

export const SITE_DATA_DIR: string;
export function siteData(): Plugin;
