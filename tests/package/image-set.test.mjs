// The site's image-set format (relu-wasm/datasets: encodeImageSet, decodeImageSet and friends):
// round trips at 8 and 4 bits, the 4-bit rounding, gzip, malformed input, fetching with progress.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import {
  concatImageSets,
  decodeImageSet,
  decodeImageSetAsync,
  encodeImageSet,
  fetchImageSet,
  quantize4,
} from 'relu-wasm/datasets';

import { rng } from './helpers.mjs';

function randomSet(count, width, height, classes, seed) {
  const random = rng(seed);
  return {
    count,
    width,
    height,
    classes,
    labels: Uint8Array.from({ length: count }, () => Math.floor(random() * classes)),
    pixels: Uint8Array.from({ length: count * width * height }, () => Math.floor(random() * 256)),
  };
}

test('8 bits: exact round trip; the header as documented', () => {
  const set = randomSet(7, 5, 3, 10, 1);
  const bytes = encodeImageSet(set, 8);
  assert.equal(bytes.length, 16 + 7 + 7 * 15);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'RWIS');
  assert.deepEqual(Array.from(bytes.subarray(4, 8)), [1, 8, 10, 0]);
  assert.deepEqual(decodeImageSet(bytes), { ...set, bitsPerPixel: 8 });
});

test('4 bits: each pixel becomes the nearest multiple of 17, odd pixel counts included', () => {
  for (let v = 0; v < 256; v++) {
    const q = quantize4(v);
    assert.ok(q >= 0 && q <= 15 && Math.abs(q * 17 - v) <= 8.5, `${v} -> ${q}`);
  }
  for (const [w, h] of [
    [28, 28],
    [3, 3],
    [1, 1],
  ]) {
    const set = randomSet(5, w, h, 3, w);
    const bytes = encodeImageSet(set, 4);
    assert.equal(bytes.length, 16 + 5 + Math.ceil((5 * w * h) / 2));
    const back = decodeImageSet(bytes);
    assert.deepEqual(back.labels, set.labels);
    assert.deepEqual(
      back.pixels,
      Uint8Array.from(set.pixels, (v) => quantize4(v) * 17),
    );
    assert.equal(back.bitsPerPixel, 4);
    // Decoding is idempotent on quantised pixels.
    assert.deepEqual(decodeImageSet(encodeImageSet(back, 4)).pixels, back.pixels);
  }
});

test('gzip: decodeImageSetAsync decompresses, and takes already-decompressed bytes as they are', async () => {
  const set = randomSet(20, 28, 28, 10, 3);
  const bytes = encodeImageSet(set, 4);
  const a = await decodeImageSetAsync(gzipSync(bytes));
  const b = await decodeImageSetAsync(bytes);
  assert.deepEqual(a, b);
  assert.throws(() => decodeImageSet(gzipSync(bytes)), /gzip/);
});

test('malformed bytes: a RangeError or TypeError that says what is wrong', () => {
  const good = encodeImageSet(randomSet(3, 2, 2, 4, 5), 8);
  const edit = (f) => {
    const b = good.slice();
    f(b);
    return b;
  };
  const cases = [
    [new Uint8Array(0), RangeError, /header/],
    [good.subarray(0, 10), RangeError, /header/],
    [edit((b) => (b[0] = 0x41)), RangeError, /RWIS/],
    [edit((b) => (b[4] = 2)), RangeError, /version/],
    [edit((b) => (b[5] = 5)), RangeError, /bits per pixel/],
    [good.subarray(0, good.length - 1), RangeError, /bytes/],
    [edit((b) => (b[16] = 4)), RangeError, /label 0/],
    [edit((b) => (b[6] = 0)), RangeError, /bytes/],
    [[1, 2, 3], TypeError, /Uint8Array/],
  ];
  for (const [bytes, type, re] of cases)
    assert.throws(
      () => decodeImageSet(bytes),
      (e) => e instanceof type && re.test(e.message),
    );
  assert.throws(
    () => encodeImageSet({ ...randomSet(2, 2, 2, 3, 1), classes: 2, labels: new Uint8Array([0, 2]) }, 4),
    /labels\[1\]/,
  );
  assert.throws(() => encodeImageSet(randomSet(2, 2, 2, 3, 1), 2), /bitsPerPixel/);
  assert.throws(() => encodeImageSet({ ...randomSet(2, 2, 2, 3, 1), pixels: new Uint8Array(7) }, 8), /pixels/);
});

test('concatImageSets joins parts in order', () => {
  const a = randomSet(3, 2, 2, 4, 1);
  const b = randomSet(2, 2, 2, 4, 2);
  const c = concatImageSets([a, b].map((s) => ({ ...s, bitsPerPixel: 8 })));
  assert.equal(c.count, 5);
  assert.deepEqual(c.labels, Uint8Array.from([...a.labels, ...b.labels]));
  assert.deepEqual(c.pixels, Uint8Array.from([...a.pixels, ...b.pixels]));
  assert.throws(
    () =>
      concatImageSets([
        { ...a, bitsPerPixel: 8 },
        { ...randomSet(1, 3, 2, 4, 1), bitsPerPixel: 8 },
      ]),
    /width/,
  );
  assert.throws(() => concatImageSets([]), RangeError);
});

test('fetchImageSet: progress in bytes, and an error naming the URL and status', async () => {
  const set = randomSet(50, 28, 28, 10, 4);
  const body = gzipSync(encodeImageSet(set, 4));
  const server = createServer((req, res) => {
    if (req.url !== '/set.rwis.gz') {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Length', body.length);
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const progress = [];
    const got = await fetchImageSet(`${base}/set.rwis.gz`, {
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    assert.deepEqual(got.labels, set.labels);
    assert.deepEqual(progress.at(-1), [body.length, body.length]);
    await assert.rejects(
      fetchImageSet(`${base}/missing.rwis.gz`),
      (e) => /missing\.rwis\.gz/.test(e.message) && /404/.test(e.message),
    );
  } finally {
    server.close();
  }
});
