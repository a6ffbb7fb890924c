// The reader's CSV (web/site/playground/csv.ts): line-numbered errors, all or nothing, labels
// read as classes or regression targets, float32's range, round trips, fuzzed hostile files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { assertPrototypesClean, hostileWord, load, PAYLOADS, PROTO_WORDS, runs } from './helpers.mjs';

const { MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_CLASSES, classifyLabels, parseCsv, toCsv } =
  await load('site/playground/csv.js');

const FLOAT32_MAX = 3.4028234663852886e38;
const KEPT = 'Nothing was loaded; the previous data is kept.';

describe('CSV: examples', () => {
  test('a header, comments, blank lines, CRLF and ; or tab separators', () => {
    const r = parseCsv('# my data\r\nx1;x2;label\r\n\r\n1;2;0\n3\t4\t1\r-1 , -2 , 1\n');
    assert.deepEqual(r, {
      ok: true,
      data: {
        points: [
          { x1: 1, x2: 2, y: 0 },
          { x1: 3, x2: 4, y: 1 },
          { x1: -1, x2: -2, y: 1 },
        ],
        kind: 'binary',
        classes: 2,
        notes: [],
      },
    });
  });

  test('bad rows are reported by line number and column, and the file is rejected whole', () => {
    const r = parseCsv('x1,x2,label\n1,2,0\n1,banana,1\n3,4\n5,6,1\n<script>alert(1)</script>,1,1\n1,2,3,4\n7,8,\n');
    assert.deepEqual(r, {
      ok: false,
      errors: [
        'Line 3: x2 "banana" is not a finite number.',
        'Line 4: expected 3 columns (x1,x2,label), found 2.',
        'Line 6: x1 "<script>alert(1)</script>" is not a finite number.',
        'Line 7: expected 3 columns (x1,x2,label), found 4.',
        'Line 8: label "" is not a finite number.',
        KEPT,
      ],
    });
  });

  test("values beyond float32's finite range are rejected with their line and column", () => {
    const r = parseCsv('x1,x2,y\n0,1,0.5\n1,0,1e39\n-1e39,0,1\n0,3.5e38,1\n0,0,-3.4028235e38\n');
    assert.equal(r.ok, false);
    assert.deepEqual(r.errors, [
      'Line 3: label "1e39" is outside float32\'s range (±3.4028235e38).',
      'Line 4: x1 "-1e39" is outside float32\'s range (±3.4028235e38).',
      'Line 5: x2 "3.5e38" is outside float32\'s range (±3.4028235e38).',
      'Line 6: label "-3.4028235e38" is outside float32\'s range (±3.4028235e38).',
      KEPT,
    ]);
    // The largest float32 itself is accepted (a regression target that is huge but finite).
    const edge = parseCsv(`0,1,${FLOAT32_MAX}\n1,0,-${FLOAT32_MAX}\n`);
    assert.equal(edge.ok, true);
    assert.deepEqual(
      edge.data.points.map((p) => p.y),
      [FLOAT32_MAX, -FLOAT32_MAX],
    );
    assert.equal(edge.data.kind, 'regression');
  });

  test('at most 8 errors are listed, then a count', () => {
    const r = parseCsv(`1,1,0\n${'a,b,c\n'.repeat(20)}`);
    assert.equal(r.errors.length, 10);
    assert.equal(r.errors[7], 'Line 9: x1 "a" is not a finite number.');
    assert.equal(r.errors[8], '…and 12 more bad rows.');
  });

  test('limits: more than 5 MB, more than 100 000 rows, binary data, fewer than 2 rows', () => {
    assert.match(parseCsv(' '.repeat(MAX_CSV_BYTES + 1)).errors[0], /larger than 5 MB/);
    assert.match(parseCsv('1,1,0\n'.repeat(MAX_CSV_ROWS + 1)).errors[0], /More than 100,000 rows/);
    assert.equal(parseCsv('1,1,0\n'.repeat(MAX_CSV_ROWS)).ok, true);
    assert.match(parseCsv('1,1,0\n2,2,\u00001\n').errors[0], /binary data/);
    for (const text of ['', 'x1,x2,label\n', '1,1,0\n', '#only a comment'])
      assert.match(parseCsv(text).errors[0], /At least 2 data rows/);
  });

  test('a long run of spaces in a line is read in linear time (the separator pattern once backtracked)', () => {
    // 200 000 spaces took minutes with /\s*[,;\t]\s*/; the bound is 100x what it takes now.
    const started = performance.now();
    const r = parseCsv(`1,1,0\n2${' '.repeat(200_000)}2,1,1\n`);
    assert.ok(performance.now() - started < 5000);
    assert.match(r.errors[0], /^Line 2: x1 "2 {29}…" is not a finite number\.$/);
  });

  test('labels: 0/1 and -1/1 are binary, 0..K-1 (K <= 10) multiclass, anything else regression', () => {
    assert.deepEqual(classifyLabels([0, 1, 1]), { kind: 'binary', classes: 2, mapped: [0, 1, 1], notes: [] });
    assert.deepEqual(classifyLabels([-1, 1]), {
      kind: 'binary',
      classes: 2,
      mapped: [0, 1],
      notes: ['Labels -1/1 were read as classes 0/1.'],
    });
    assert.deepEqual(classifyLabels([0, 2, 1]), { kind: 'multiclass', classes: 3, mapped: [0, 2, 1], notes: [] });
    assert.equal(classifyLabels([0, MAX_CLASSES - 1]).kind, 'multiclass');
    for (const labels of [
      [0, MAX_CLASSES],
      [0, 0.5],
      [-1, 0, 1],
      [1000, 1001],
      [1e38, 0],
    ])
      assert.equal(classifyLabels(labels).kind, 'regression', String(labels));
    // 100 000 distinct labels: no argument-count limit (Math.max(...labels) would throw).
    assert.equal(classifyLabels(Array.from({ length: MAX_CSV_ROWS }, (_, i) => i)).kind, 'regression');
  });

  test('coordinates beyond [-6, 6] are scaled in, with a note', () => {
    const r = parseCsv('12,0,0\n0,-3,1\n');
    assert.deepEqual(r.data.points, [
      { x1: 6, x2: 0, y: 0 },
      { x1: 0, x2: -1.5, y: 1 },
    ]);
    assert.deepEqual(r.data.notes, ["Coordinates were scaled by 0.500 to fit the plot's range -6 to 6."]);
  });

  test('prototype words and payloads are data errors (or a header), never keys', () => {
    const r = parseCsv(
      `${PROTO_WORDS.slice(0, 3).join(',')}\n1,1,0\n${PROTO_WORDS.map((w) => `1,${w},0`).join('\n')}\n${PAYLOADS.map((p) => `${p},1,1`).join('\n')}`,
    );
    assert.equal(r.ok, false);
    assert.equal(r.errors[0], 'Line 3: x2 "__proto__" is not a finite number.');
    assertPrototypesClean();
  });
});

/** A point the playground can hold: coordinates in [-6, 6], -0 read back as 0. */
const coord = fc.double({ min: -6, max: 6, noNaN: true }).map((v) => v + 0);

describe('CSV: properties', () => {
  test('round trip: points -> toCsv -> parseCsv gives the same points and kind', () => {
    const label = fc.oneof(
      fc.constant(['binary', fc.constantFrom(0, 1)]),
      fc.constant(['multiclass', fc.integer({ min: 0, max: MAX_CLASSES - 1 })]),
      fc.constant(['regression', fc.double({ min: -FLOAT32_MAX, max: FLOAT32_MAX, noNaN: true }).map((v) => v + 0)]),
    );
    fc.assert(
      fc.property(
        label.chain(([kind, y]) =>
          fc.tuple(
            fc.constant(kind),
            fc.array(fc.record({ x1: coord, x2: coord, y }, { noNullPrototype: true }), {
              minLength: 2,
              maxLength: 50,
            }),
          ),
        ),
        ([, points]) => {
          const r = parseCsv(toCsv(points));
          assert.equal(r.ok, true, r.errors?.join(' '));
          assert.deepEqual(r.data.points, points);
          const { kind, classes } = classifyLabels(points.map((p) => p.y));
          assert.equal(r.data.kind, kind);
          assert.equal(r.data.classes, classes);
        },
      ),
      runs(300),
    );
  });

  test('one value beyond float32 anywhere in a good file: rejected, naming that line and column', () => {
    const good = fc.array(fc.tuple(coord, coord, fc.constantFrom(0, 1)), { minLength: 2, maxLength: 30 });
    const huge = fc.oneof(
      fc.double({ min: FLOAT32_MAX, minExcluded: true, noDefaultInfinity: true, noNaN: true }),
      fc.constantFrom(1e39, 1e308),
    );
    fc.assert(
      fc.property(good, fc.nat(), fc.nat(2), huge, fc.boolean(), (rows, at, column, value, negative) => {
        const row = at % rows.length;
        const text = rows
          .map((r) => r.join(','))
          .map((line, i) =>
            i === row
              ? line
                  .split(',')
                  .map((f, k) => (k === column ? String(negative ? -value : value) : f))
                  .join(',')
              : line,
          )
          .join('\n');
        const r = parseCsv(`x1,x2,label\n${text}`);
        assert.equal(r.ok, false);
        assert.deepEqual(r.errors, [
          `Line ${row + 2}: ${['x1', 'x2', 'label'][column]} "${String(negative ? -value : value)}" is outside float32's range (±3.4028235e38).`,
          KEPT,
        ]);
      }),
      runs(300),
    );
  });

  test('fuzz: hostile files never throw; a load is all finite float32 data, a refusal names lines; prototypes untouched', () => {
    const field = fc.oneof(
      { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
      { weight: 2, arbitrary: fc.integer({ min: -3, max: 12 }).map(String) },
      { weight: 2, arbitrary: hostileWord() },
    );
    const line = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.array(field, { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ';', '\t', ' , '))
          .map(([f, sep]) => f.join(sep)),
      },
      { weight: 1, arbitrary: fc.constantFrom('', '# comment', 'x1,x2,label', '   ', '"1","2","0"') },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    );
    const file = fc
      .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([lines, eol]) => lines.join(eol));
    fc.assert(
      fc.property(fc.oneof(file, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        const r = parseCsv(text);
        if (r.ok) {
          const { points, kind, classes, notes } = r.data;
          assert.ok(points.length >= 2);
          for (const p of points) {
            assert.equal(Object.getPrototypeOf(p), Object.prototype);
            assert.deepEqual(Object.keys(p), ['x1', 'x2', 'y']);
            assert.ok(Math.abs(p.x1) <= 6 && Math.abs(p.x2) <= 6, `${p.x1},${p.x2}`);
            assert.ok(Number.isFinite(p.y) && Math.abs(p.y) <= FLOAT32_MAX);
            if (kind !== 'regression') assert.ok(Number.isInteger(p.y) && p.y >= 0 && p.y < classes);
          }
          assert.ok(notes.every((n) => typeof n === 'string'));
        } else {
          assert.ok(r.errors.length >= 1 && r.errors.every((e) => typeof e === 'string'));
          const lines = text.split(/\r\n|\n|\r/).length;
          for (const e of r.errors) {
            const m = /^Line (\d+): /.exec(e);
            if (m) assert.ok(Number(m[1]) >= 1 && Number(m[1]) <= lines);
          }
        }
        assertPrototypesClean();
      }),
      runs(1500),
    );
  });
});
