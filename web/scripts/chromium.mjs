// The one place that says how Chromium is launched: Debian's Chromium (or CHROMIUM_PATH),
// headless, with the browser's own background traffic turned off. Used by the Playwright
// config, the consumer tests and the benchmarks.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Launches Playwright's Chromium with chromiumLaunchOptions. */
export async function launchChromium() {
  const { chromium } = await import('@playwright/test');
  return chromium.launch(chromiumLaunchOptions);
}
