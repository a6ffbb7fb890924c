// A WebAssembly file that is not this version's binary (issue 12, item 2): the 8-byte empty
// module served under the binaries' names. The loader must reject, so the elements fire
// relu-error and the article's widgets say WebAssembly could not start, instead of waiting.
import { expect, test, type Page } from '@playwright/test';

const EMPTY_MODULE = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

async function serveEmptyModule(page: Page): Promise<void> {
  await page.route(/\.wasm$/, (route) =>
    route.fulfill({ status: 200, body: EMPTY_MODULE, headers: { 'content-type': 'application/wasm' } }),
  );
}

test('the elements fire relu-error for a foreign module instead of waiting forever', async ({ page }) => {
  await serveEmptyModule(page);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __reluErrors: string[] }).__reluErrors = seen;
    document.addEventListener(
      'relu-error',
      (e) => seen.push(String((e as CustomEvent<{ error: unknown }>).detail.error)),
      true,
    );
  });
  await page.goto('./checks/elements.html');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __reluErrors: string[] }).__reluErrors), {
      timeout: 15_000,
    })
    .toEqual(expect.arrayContaining([expect.stringMatching(/ReluLoadError: .*not this version's relu-wasm binary/)]));
});

test("the article's widgets say WebAssembly could not start for a foreign module", async ({ page }) => {
  await serveEmptyModule(page);
  await page.goto('./');
  await expect(page.getByTestId('backend')).toHaveText('unavailable');
  await expect(page.locator('#example-status')).toContainText('WebAssembly could not start');
});
