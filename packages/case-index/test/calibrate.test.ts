import { describe, expect, it } from 'vitest';
import { calibrated, defaultCalibration, fitCalibration, scoreMargin } from '../src/calibrate.ts';
import { seededRandom } from '../../../scripts/seeded-random.ts';

describe('calibration', () => {
  it('recovers a known logistic model from samples drawn from it', () => {
    const random = seededRandom(3);
    const truth = { intercept: -2, coverage: 3, margin: 4 };
    const samples = Array.from({ length: 4000 }, () => {
      const coverage = random();
      const margin = random() * 2 - 1;
      return { coverage, margin, correct: random() < calibrated(coverage, margin, truth) };
    });
    const fitted = fitCalibration(samples, 1e-6);
    expect(fitted.intercept).toBeCloseTo(truth.intercept, 0);
    expect(fitted.coverage).toBeCloseTo(truth.coverage, 0);
    expect(fitted.margin).toBeCloseTo(truth.margin, 0);
  });

  it('is a probability that grows with coverage and margin', () => {
    expect(calibrated(0.9, 0.5)).toBeGreaterThan(calibrated(0.3, 0.5));
    expect(calibrated(0.5, 0.6)).toBeGreaterThan(calibrated(0.5, -0.2));
    for (const [coverage, margin] of [[0, -1], [1, 1], [0.5, 0]] as const) {
      const p = calibrated(coverage, margin, defaultCalibration);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('measures the margin relative to the larger score', () => {
    expect(scoreMargin(10, 5)).toBe(0.5);
    expect(scoreMargin(5, 10)).toBe(-0.5);
    expect(scoreMargin(0, 0)).toBe(0);
  });
});
