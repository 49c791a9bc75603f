// Isomorphic. Confidence that means what it says: the probability that a suggestion is the case's article, from two
// things the ranker knows — how much of the case the document explains (`coverage`) and how far its score stands
// from the best other document's (`margin`) — through a logistic model fitted on labeled reports (the bench fits it
// leave-one-article-out and prints the coefficients; `defaultCalibration` holds the ones fitted on all of them).

/** Coefficients of the logistic model: p = 1 / (1 + e^-(intercept + coverage·c + margin·m)). */
export interface Calibration {
  intercept: number;
  coverage: number;
  margin: number;
}

/**
 * Fitted by `npm run bench -- case-index` on the 73 labeled reports of the corpus dev files (both files, every report's
 * first result, the ranking leave-one-article-out with the overlap rerank on, as `kb link` runs it), each report twice:
 * as it is, and as a content gap with its gold article removed from the index (a wrong first result of the kind a gap
 * really gets). The margin is read from the final (reranked) scores: the model sees the features `rank` computes when
 * it serves. Fitted on answerable reports only, the model had never seen a gap and linked 42 % of them at 0.6; see
 * bench/results/case-index.json `calibration`.
 */
export const defaultCalibration: Calibration = { intercept: -3.04, coverage: 4.44, margin: 2.85 };

/** One observation to fit on: a first result's features and whether it was right. */
export interface CalibrationSample {
  coverage: number;
  margin: number;
  correct: boolean;
}

/** Relative lead of a score over the best other one, in -1…1. */
export function scoreMargin(score: number, bestOther: number): number {
  const larger = Math.max(score, bestOther);
  return larger > 0 ? (score - bestOther) / larger : 0;
}

/** The calibrated probability (0…1) that a result with these features is right. */
export function calibrated(coverage: number, margin: number, calibration: Calibration = defaultCalibration): number {
  const z = calibration.intercept + calibration.coverage * coverage + calibration.margin * margin;
  return 1 / (1 + Math.exp(-z));
}

/** Fits the logistic model by Newton's method with a small ridge penalty (few samples: keep the weights sane). */
export function fitCalibration(samples: readonly CalibrationSample[], ridge = 0.1): Calibration {
  let w = [0, 0, 0];
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = [0, 0, 0];
    const hessian = [
      [ridge, 0, 0],
      [0, ridge, 0],
      [0, 0, ridge],
    ];
    for (let k = 1; k < 3; k++) gradient[k]! += ridge * w[k]!;
    hessian[0]![0] = 1e-6;
    for (const sample of samples) {
      const x = [1, sample.coverage, sample.margin];
      const p = 1 / (1 + Math.exp(-(w[0]! * x[0]! + w[1]! * x[1]! + w[2]! * x[2]!)));
      const y = sample.correct ? 1 : 0;
      for (let i = 0; i < 3; i++) {
        gradient[i]! += (p - y) * x[i]!;
        for (let j = 0; j < 3; j++) hessian[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
      }
    }
    const step = solve3(hessian, gradient);
    w = w.map((value, i) => value - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { intercept: w[0]!, coverage: w[1]!, margin: w[2]! };
}

/** Solves a 3×3 linear system (Gaussian elimination with partial pivoting). */
function solve3(matrix: number[][], vector: number[]): number[] {
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let row = col + 1; row < 3; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const divisor = a[col]![col]! || 1e-12;
    for (let row = 0; row < 3; row++) {
      if (row === col) continue;
      const factor = a[row]![col]! / divisor;
      for (let k = col; k < 4; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row, i) => row[3]! / (row[i]! || 1e-12));
}
