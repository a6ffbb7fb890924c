// relu-wasm/ui's pure parts, in Node: it imports without a DOM (no side effects), the palette
// has one class-0 orange and one class-1 blue at the ends of the diverging map, and the
// formatters print what the widgets promise.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as ui from 'relu-wasm/ui';

test('relu-wasm/ui imports in Node and exports every building block', () => {
  for (const name of [
    'CLASS_0',
    'CLASS_1',
    'diverging',
    'paintBoundary',
    'paintPoints',
    'boundaryGrid',
    'LossChart',
    'formatNumber',
    'formatFloat',
    'fixed',
    'integer',
    'el',
    'svg',
    'frameLoop',
  ]) {
    assert.ok(name in ui, `${name} is exported`);
  }
});

test('palette: TensorFlow Playground orange and blue at the ends of the diverging map', () => {
  assert.deepEqual(ui.CLASS_0, [245, 147, 34]);
  assert.deepEqual(ui.CLASS_1, [8, 119, 189]);
  assert.deepEqual(ui.diverging(-1), ui.CLASS_0);
  assert.deepEqual(ui.diverging(1), ui.CLASS_1);
  assert.deepEqual(ui.diverging(0), ui.NEUTRAL);
  assert.deepEqual(ui.diverging(NaN), ui.NEUTRAL);
  assert.deepEqual(ui.diverging(-5), ui.CLASS_0, 'clamped');
  assert.deepEqual(ui.classColor(0), ui.CLASS_0);
  assert.deepEqual(ui.classColor(1), ui.CLASS_1);
  assert.equal(ui.cssColor(ui.CLASS_1), 'rgb(8, 119, 189)');
});

test('boundaryGrid: cell centres in [-1, 1], row 0 at the top', () => {
  const g = ui.boundaryGrid(2);
  assert.deepEqual(Array.from(g), [-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
});

test('formatters', () => {
  assert.equal(ui.formatNumber(-0), '0');
  assert.equal(ui.formatNumber(Math.fround(-0.1)), '-0.1');
  assert.equal(ui.formatNumber(1 / 3), '0.3333');
  assert.equal(ui.formatNumber(NaN), 'NaN');
  assert.equal(ui.formatFloat(-0), '-0');
  assert.equal(ui.formatFloat(Math.fround(0.1)), '0.1');
  assert.equal(ui.formatFloat(-Infinity), '−∞');
  assert.equal(ui.fixed(-0.001, 2), '0.00');
  assert.equal(ui.fixed(-1.5, 2), '−1.50');
  assert.equal(ui.integer(8836), '8,836');
});
