// Hardening of the site: the whole article on the scalar build (?simd=off, as on an engine
// without WASM SIMD), and hostile input on the playground (URL hash and uploaded CSV): script
// payloads never run and never become elements, oversized or junk files are refused with a
// message, the page stays responsive, and the reader's settings and data survive every failure.
import { expect, test, type Page } from '@playwright/test';

/** Console errors and page errors; every test ends by asserting there were none. */
let problems: string[] = [];
test.beforeEach(async ({ page }) => {
  problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  // The trap: any payload that runs sets window.__pwned (or opens a dialog, caught above).
  // The preview server sends the strict CSP header on every page; count its violations too.
  await page.addInitScript(() => {
    const w = window as unknown as { __pwned?: unknown; __cspViolations: number };
    w.__pwned = undefined;
    w.__cspViolations = 0;
    document.addEventListener('securitypolicyviolation', () => w.__cspViolations++);
  });
});
test.afterEach(async ({ page }, info) => {
  const { pwned, csp } = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __cspViolations: number };
    return { pwned: w.__pwned, csp: w.__cspViolations };
  });
  console.log(`hardening: "${info.title}": CSP violations seen ${csp}, window.__pwned ${String(pwned)}`);
  expect(pwned).toBeUndefined();
  expect(csp).toBe(0);
  expect(problems).toEqual([]);
});

const num = async (page: Page, testid: string): Promise<number> =>
  Number((await page.getByTestId(testid).textContent())!.replace(/,/g, ''));

// ---- the article on the scalar build ---------------------------------------------------------

test('?simd=off: the whole article runs on wasm-scalar and every widget works', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./?simd=off');
  await expect(page.getByTestId('backend')).toHaveText('wasm-scalar');

  // 1. The probe plot and the Leaky ReLU slope.
  await page.getByTestId('relu-plot').getByTestId('plot').focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('probe-x')).toHaveText('-1');
  await expect(page.getByTestId('probe-fx')).toHaveText('0');
  await page.getByTestId('leaky-slope').fill('0.1');
  await expect(page.getByTestId('probe-fx')).toHaveText('-0.1');
  await expect(page.getByTestId('probe-dfx')).toHaveText('0.1');

  // 2. The vector example, computed by the scalar kernels.
  await page.getByTestId('example-input').fill('-2, -1, 0, 1, 2, -0, NaN');
  await expect(page.getByTestId('example-output')).toHaveText('[0, 0, 0, 1, 2, -0, NaN]');

  // 3. The layer matrix: after = max(0, before).
  const before = page.getByTestId('matrix-before').locator('td');
  const after = page.getByTestId('matrix-after').locator('td');
  await expect(before).toHaveCount(20);
  const b = await before.allTextContents();
  const a = await after.allTextContents();
  b.forEach((text, i) => expect(a[i]).toBe(text.startsWith('−') ? '0.00' : text));
  await page.getByTestId('matrix-resample').click();
  await expect.poll(async () => (await before.allTextContents()).join(' ')).not.toBe(b.join(' '));

  // 4. The code panels' live call.
  await expect(page.getByTestId('code-ts-result')).toHaveText('Float32Array [0, 0, 0, 1, 2]');

  // 5. The convolution demo.
  const zeroed = page.getByTestId('conv-zeroed');
  await expect(zeroed).toHaveText(/^[\d,]+ of 8,836 \(\d+%\)$/);
  const first = await zeroed.textContent();
  await page.getByTestId('conv-filter').selectOption('spot');
  await expect(zeroed).not.toHaveText(first!);

  // 6. The training demo learns.
  const train = page.locator('#train-widget');
  const initial = await num(page, 'train-loss');
  await train.scrollIntoViewIfNeeded();
  await page.getByTestId('train-speed').selectOption({ index: 2 });
  await page.getByTestId('train-play').click();
  await expect.poll(() => num(page, 'train-steps'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1000);
  expect(await num(page, 'train-loss')).toBeLessThan(initial / 2);
  await page.getByTestId('train-play').click();
  await expect(train).toHaveAttribute('data-state', 'paused');

  // 7. gradAtZero side by side.
  await expect(page.getByTestId('gaz-backward-0')).toHaveText('[0, 0, 1]');
  await expect(page.getByTestId('gaz-backward-1')).toHaveText('[0, 1, 1]');
  const gaz = page.locator('#gaz-widget');
  await gaz.scrollIntoViewIfNeeded();
  await page.getByTestId('gaz-speed').selectOption({ index: 2 });
  await page.getByTestId('gaz-play').click();
  await expect(gaz).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('gaz-zeros-0')).toHaveText('800');
  await expect(page.getByTestId('gaz-zeros-1')).toHaveText('0');

  // 8. Dying ReLU and the Leaky revival.
  const dying = page.locator('#dying-widget');
  await dying.scrollIntoViewIfNeeded();
  await page.getByTestId('dying-speed').selectOption({ index: 2 });
  await page.getByTestId('dying-play').click();
  await expect(dying).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const high = await num(page, 'dying-dead-high');
  expect(high).toBeGreaterThan(await num(page, 'dying-dead-sane'));
  const fork1 = await num(page, 'dying-dead1-high');
  await page.getByTestId('revive-speed').selectOption({ index: 2 });
  await page.getByTestId('revive-play').click();
  await expect(page.getByTestId('dying-revival')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  expect(await num(page, 'dying-dead1-leaky')).toBeLessThan(fork1);
  expect(await num(page, 'dying-dead1-control')).toBe(fork1);

  // 9. The live benchmark (quick sizes) completes and checks its outputs.
  const bench = page.locator('#bench-widget');
  await bench.scrollIntoViewIfNeeded();
  await page.getByTestId('bench-quick').click();
  await expect(bench).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('bench-status')).toContainText('Every output was checked');
  await expect(page.getByTestId('bench-backend')).toHaveText('wasm-scalar');
});

test('without ?simd=off the article picks SIMD; other values of simd are ignored', async ({ page }) => {
  await page.goto('./?simd=%3Cscript%3E');
  await expect(page.getByTestId('backend')).toHaveText('wasm-simd');
});

// ---- the playground: hostile URL hash ---------------------------------------------------------

const PLAYGROUND = './playground/';

async function open(page: Page, hash = ''): Promise<void> {
  // A fresh load each time: a hash-only goto would be a same-document navigation, and the
  // old page's counters could be read before the new hash has reset them.
  await page.goto('about:blank');
  await page.goto(`${PLAYGROUND}${hash}`);
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/);
}

async function step(page: Page): Promise<void> {
  const before = await page.getByTestId('steps').textContent();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('steps')).not.toHaveText(before!);
}

/** Elements the payloads would create if any reached innerHTML. */
async function payloadElements(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      document.querySelectorAll(
        'img, iframe, object, embed, svg script, body script:not([src]), a[href^="javascript:"], [onerror], [onload], [onclick]',
      ).length,
  );
}

const enc = encodeURIComponent;
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=2',
  '"><svg onload="window.__pwned=3">',
  '<script>window.__pwned=4</script>',
  "'-alert(1)-'",
];

test('hostile URL hash: script payloads, huge numbers, NaN, negative sizes, 1000 layers', async ({ page }) => {
  const baseline = await (async () => {
    await open(page);
    return payloadElements(page);
  })();
  const hashes = [
    `#${PAYLOADS.map((p, i) => `${['activation', 'problem', 'dataset', 'regularization', 'seed'][i]}=${enc(p)}`).join('&')}`,
    `#${PAYLOADS.map((p) => `${enc(p)}=${enc(p)}`).join('&')}`,
    '#learningRate=1e308&batchSize=1e300&noise=-1e308&percTrainData=NaN&regularizationRate=Infinity&seed=-5',
    '#networkShape=-5,-1,0,NaN,1e9,Infinity&batchSize=-10&learningRate=-1',
    `#networkShape=${Array.from({ length: 1000 }, () => '8').join(',')}`,
    `#learningRate=${'9'.repeat(5000)}&${'x=1&'.repeat(3000)}`,
  ];
  for (const hash of hashes) {
    await open(page, hash);
    // Each value was clamped, defaulted or ignored: the controls hold valid values.
    expect(Number(await page.getByTestId('learning-rate').inputValue())).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('batch-size').inputValue())).toBeGreaterThanOrEqual(1);
    const shape = await page.getByTestId('network-shape').inputValue();
    // At most 10 hidden layers of 1 to 256 units (state.ts LIMITS).
    expect(shape.split(',').filter(Boolean).length).toBeLessThanOrEqual(10);
    for (const unit of shape.split(',').filter(Boolean)) expect(Number(unit)).toBeGreaterThanOrEqual(1);
    for (const unit of shape.split(',').filter(Boolean)) expect(Number(unit)).toBeLessThanOrEqual(256);
    expect(await payloadElements(page)).toBe(baseline);
    await step(page);
    expect(await num(page, 'train-loss')).not.toBeNaN();
  }
  // Payloads show up as text in the warnings, never as markup.
  await open(page, `#activation=${enc(PAYLOADS[0]!)}`);
  await expect(page.getByTestId('url-warnings')).toContainText('<img src=x onerror=');
  expect(await payloadElements(page)).toBe(baseline);
  console.log(`hardening: ${hashes.length + 1} hostile hashes opened, no payload executed or rendered as an element`);
});

// ---- the playground: hostile CSV uploads ------------------------------------------------------

const upload = (page: Page, name: string, buffer: Buffer) =>
  page.getByTestId('csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer });

test('hostile CSV files: 10^6 rows, > 5 MB, payloads, junk, empty; settings and data kept, page responsive', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await open(page, '#learningRate=0.3&activation=relu&networkShape=5,3');
  const baseline = await payloadElements(page);
  await page.getByText('Your own data (CSV)').click();
  // The reader's own data first: every later failure must keep it.
  const good = 'x1,x2,label\n1,1,1\n-1,-1,0\n2,2,1\n-2,-2,0\n3,1,1\n-3,-1,0\n';
  await upload(page, 'good.csv', Buffer.from(good));
  await expect(page.getByTestId('csv-status')).toContainText('Loaded 6 points');
  await expect(page.getByTestId('dataset')).toHaveValue('custom');
  const hash = new URL(page.url()).hash;
  const error = page.getByTestId('csv-error');

  const rows = (n: number) => {
    const chunks: string[] = ['x1,x2,label\n'];
    for (let i = 0; i < n; i++) chunks.push(`${i % 5},${i % 3},${i % 2}\n`);
    return Buffer.from(chunks.join(''));
  };
  const million = rows(1_000_000);
  expect(million.length).toBeGreaterThan(5 * 1024 * 1024);
  const underLimit = rows(800_000);
  expect(underLimit.length).toBeLessThan(5 * 1024 * 1024);
  const junk = Buffer.alloc(256 * 1024);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
  const payloadRows = [
    `${PAYLOADS[0]},${PAYLOADS[3]},label`, // a header of payloads
    ...PAYLOADS.map((p, i) => `${i},${p},1`),
    `${PAYLOADS[2]},1,0`,
  ].join('\n');

  const cases: [string, Buffer, RegExp][] = [
    ['a million rows (6 MB)', million, /larger than 5 MB/],
    ['800 000 rows under 5 MB', underLimit, /More than 100,000 rows/],
    ['script payloads in values and column names', Buffer.from(payloadRows), /Line 2.*not a finite number/],
    ['binary junk', junk, /binary data|not a finite number|columns/],
    ['an empty file', Buffer.alloc(0), /At least 2 data rows/],
    ['only a header of payloads', Buffer.from(`${PAYLOADS[1]},${PAYLOADS[4]},y\n`), /At least 2 data rows/],
  ];
  for (const [what, buffer, message] of cases) {
    await page.getByTestId('csv-error').evaluate((e) => (e.textContent = ''));
    await upload(page, `${what}.csv`, buffer);
    await expect(error, what).toHaveText(message, { timeout: 15_000 });
    // Responsive: a click on Step is answered within a few seconds.
    const started = Date.now();
    await step(page);
    const ms = Date.now() - started;
    expect(ms, `${what}: Step answered in ${ms} ms`).toBeLessThan(5_000);
    console.log(
      `hardening: CSV ${what}: refused with "${(await error.textContent())!.slice(0, 60)}", Step answered in ${ms} ms`,
    );
    // Nothing executed, nothing rendered from the payloads, the data and settings kept.
    expect(await payloadElements(page)).toBe(baseline);
    await expect(page.getByTestId('dataset')).toHaveValue('custom');
    await expect(page.getByTestId('learning-rate')).toHaveValue('0.3');
    await expect(page.getByTestId('network-shape')).toHaveValue('5,3');
    expect(new URL(page.url()).hash).toBe(hash);
  }
  // The payloads are shown as text only.
  await upload(page, 'payloads.csv', Buffer.from(payloadRows));
  await expect(error).toContainText('<script>');
  expect(await payloadElements(page)).toBe(baseline);
  // The good data is still the data: exporting gives its 6 rows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const { readFileSync } = await import('node:fs');
  expect(
    readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n'),
  ).toHaveLength(7);
  // A payload header with good rows under it loads (the header is skipped, never rendered).
  await upload(
    page,
    'header.csv',
    Buffer.from(`${PAYLOADS[0]},${PAYLOADS[3]},${PAYLOADS[2]}\n1,1,1\n-1,-1,0\n2,2,1\n`),
  );
  await expect(page.getByTestId('csv-status')).toContainText('Loaded 3 points');
  expect(await payloadElements(page)).toBe(baseline);
});

test('a pasted CSV of payloads and a million rows: refused, never executed, the page stays responsive', async ({
  page,
}) => {
  // Laying out a 6 MB textarea is Chromium's work, not ours, and takes minutes on a loaded
  // machine: the generous limit keeps the test about behaviour, not speed.
  test.setTimeout(240_000);
  await open(page);
  const baseline = await payloadElements(page);
  await page.getByText('Your own data (CSV)').click();
  await page.getByTestId('csv-text').fill(`x1,x2,label\n${PAYLOADS.map((p) => `1,${p},0`).join('\n')}\n`);
  await page.getByTestId('csv-load').click();
  await expect(page.getByTestId('csv-error')).toContainText('Nothing was loaded');
  expect(await payloadElements(page)).toBe(baseline);
  // A million short rows pasted (just over 5 MB): refused, then Step still answers.
  await page.getByTestId('csv-text').evaluate((t: HTMLTextAreaElement) => {
    t.value = '1,1,0\n'.repeat(1_000_000);
  });
  await page.getByTestId('csv-load').click();
  await expect(page.getByTestId('csv-error')).toContainText(/larger than 5 MB|More than 100,000 rows/);
  const started = Date.now();
  await step(page);
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(page.getByTestId('dataset')).not.toHaveValue('custom');
});
