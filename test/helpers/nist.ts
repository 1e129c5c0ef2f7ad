/**
 * NIST StRD nonlinear regression problems (NIST/ITL Statistical Reference
 * Datasets, www.itl.nist.gov/div898/strd): a parser for the .dat files and the
 * 27 model formulas from their headers, each with its analytic Jacobian.
 * Used as the engine's oracle (test/fitter/nist.test.ts, scripts/nist-scoreboard.ts); test code,
 * never shipped in dist/.
 */

export interface NistProblem {
  name: string;
  /** Parameter names b1..bk. */
  names: string[];
  start1: number[];
  start2: number[];
  certified: number[];
  certifiedStd: number[];
  residualSS: number;
  /** Response y and predictor rows (one or more x per observation). */
  y: number[];
  x: number[][];
}

const NUM = '([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)';
const PARAM_LINE = new RegExp(`^\\s*(b\\d+)\\s*=\\s*${NUM}\\s+${NUM}\\s+${NUM}\\s+${NUM}\\s*$`);

/** Parse one StRD .dat file. @throws when a section is missing. */
export function parseNist(name: string, text: string): NistProblem {
  const lines = text.split(/\r?\n/);
  const names: string[] = [];
  const start1: number[] = [];
  const start2: number[] = [];
  const certified: number[] = [];
  const certifiedStd: number[] = [];
  let residualSS = NaN;
  let dataAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const m = PARAM_LINE.exec(l);
    if (m && dataAt < 0) {
      names.push(m[1]);
      start1.push(Number(m[2]));
      start2.push(Number(m[3]));
      certified.push(Number(m[4]));
      certifiedStd.push(Number(m[5]));
      continue;
    }
    const rs = /^Residual Sum of Squares:\s*(\S+)/.exec(l);
    if (rs) residualSS = Number(rs[1]);
    if (/^Data:\s+y\b/.test(l)) {
      dataAt = i + 1;
      break;
    }
  }
  if (names.length === 0 || dataAt < 0 || !Number.isFinite(residualSS)) throw new Error(`${name}: not a NIST StRD nonlinear file`);
  const y: number[] = [];
  const x: number[][] = [];
  for (let i = dataAt; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t) continue;
    const v = t.split(/\s+/).map(Number);
    if (v.some((n) => !Number.isFinite(n))) throw new Error(`${name}: bad data line ${i + 1}: ${t}`);
    y.push(v[0]);
    x.push(v.slice(1));
  }
  return { name, names, start1, start2, certified, certifiedStd, residualSS, y, x };
}

/** f(b, x) and ∂f/∂b for one observation. */
export interface NistModel {
  /** Transform of y the model predicts (Nelson models log y). */
  response?: (y: number) => number;
  f: (b: Float64Array, x: number[]) => number;
  grad: (b: Float64Array, x: number[]) => number[];
}

const TWO_PI = 2 * Math.PI;

const exp1 = {
  // y = b1*(1-exp[-b2*x])  (BoxBOD, Misra1a)
  f: (b: Float64Array, [x]: number[]) => b[0] * (1 - Math.exp(-b[1] * x)),
  grad: (b: Float64Array, [x]: number[]) => {
    const e = Math.exp(-b[1] * x);
    return [1 - e, b[0] * x * e];
  },
};
const chwirut = {
  // y = exp[-b1*x]/(b2+b3*x)
  f: (b: Float64Array, [x]: number[]) => Math.exp(-b[0] * x) / (b[1] + b[2] * x),
  grad: (b: Float64Array, [x]: number[]) => {
    const d = b[1] + b[2] * x;
    const f = Math.exp(-b[0] * x) / d;
    return [-x * f, -f / d, (-x * f) / d];
  },
};
const gauss = {
  // y = b1*exp(-b2*x) + b3*exp(-(x-b4)²/b5²) + b6*exp(-(x-b7)²/b8²)
  f: (b: Float64Array, [x]: number[]) =>
    b[0] * Math.exp(-b[1] * x) + b[2] * Math.exp(-((x - b[3]) ** 2) / b[4] ** 2) + b[5] * Math.exp(-((x - b[6]) ** 2) / b[7] ** 2),
  grad: (b: Float64Array, [x]: number[]) => {
    const e = Math.exp(-b[1] * x);
    const u1 = x - b[3];
    const g1 = Math.exp(-(u1 * u1) / (b[4] * b[4]));
    const u2 = x - b[6];
    const g2 = Math.exp(-(u2 * u2) / (b[7] * b[7]));
    return [
      e,
      -x * b[0] * e,
      g1,
      (b[2] * g1 * 2 * u1) / (b[4] * b[4]),
      (b[2] * g1 * 2 * u1 * u1) / (b[4] * b[4] * b[4]),
      g2,
      (b[5] * g2 * 2 * u2) / (b[7] * b[7]),
      (b[5] * g2 * 2 * u2 * u2) / (b[7] * b[7] * b[7]),
    ];
  },
};
const cubicCubic = {
  // y = (b1 + b2 x + b3 x² + b4 x³) / (1 + b5 x + b6 x² + b7 x³)  (Hahn1, Thurber)
  f: (b: Float64Array, [x]: number[]) =>
    (b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x) / (1 + b[4] * x + b[5] * x * x + b[6] * x * x * x),
  grad: (b: Float64Array, [x]: number[]) => {
    const x2 = x * x;
    const x3 = x2 * x;
    const d = 1 + b[4] * x + b[5] * x2 + b[6] * x3;
    const f = (b[0] + b[1] * x + b[2] * x2 + b[3] * x3) / d;
    return [1 / d, x / d, x2 / d, x3 / d, (-f * x) / d, (-f * x2) / d, (-f * x3) / d];
  },
};
const lanczos = {
  // y = b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)
  f: (b: Float64Array, [x]: number[]) => b[0] * Math.exp(-b[1] * x) + b[2] * Math.exp(-b[3] * x) + b[4] * Math.exp(-b[5] * x),
  grad: (b: Float64Array, [x]: number[]) => {
    const e1 = Math.exp(-b[1] * x);
    const e2 = Math.exp(-b[3] * x);
    const e3 = Math.exp(-b[5] * x);
    return [e1, -x * b[0] * e1, e2, -x * b[2] * e2, e3, -x * b[4] * e3];
  },
};

export const NIST_MODELS: Record<string, NistModel> = {
  Bennett5: {
    // y = b1 * (b2+x)**(-1/b3)
    f: (b, [x]) => b[0] * Math.pow(b[1] + x, -1 / b[2]),
    grad: (b, [x]) => {
      const t = b[1] + x;
      const g = Math.pow(t, -1 / b[2]);
      const f = b[0] * g;
      return [g, (-f / b[2]) / t, (f * Math.log(t)) / (b[2] * b[2])];
    },
  },
  BoxBOD: exp1,
  Chwirut1: chwirut,
  Chwirut2: chwirut,
  DanWood: {
    // y = b1*x**b2
    f: (b, [x]) => b[0] * Math.pow(x, b[1]),
    grad: (b, [x]) => {
      const g = Math.pow(x, b[1]);
      return [g, b[0] * g * Math.log(x)];
    },
  },
  ENSO: {
    // y = b1 + b2 cos(2πx/12) + b3 sin(2πx/12) + b5 cos(2πx/b4) + b6 sin(2πx/b4) + b8 cos(2πx/b7) + b9 sin(2πx/b7)
    f: (b, [x]) => {
      const a = (TWO_PI * x) / 12;
      const t4 = (TWO_PI * x) / b[3];
      const t7 = (TWO_PI * x) / b[6];
      return b[0] + b[1] * Math.cos(a) + b[2] * Math.sin(a) + b[4] * Math.cos(t4) + b[5] * Math.sin(t4) + b[7] * Math.cos(t7) + b[8] * Math.sin(t7);
    },
    grad: (b, [x]) => {
      const a = (TWO_PI * x) / 12;
      const t4 = (TWO_PI * x) / b[3];
      const t7 = (TWO_PI * x) / b[6];
      const c4 = Math.cos(t4);
      const s4 = Math.sin(t4);
      const c7 = Math.cos(t7);
      const s7 = Math.sin(t7);
      return [
        1,
        Math.cos(a),
        Math.sin(a),
        (-b[4] * s4 + b[5] * c4) * (-t4 / b[3]),
        c4,
        s4,
        (-b[7] * s7 + b[8] * c7) * (-t7 / b[6]),
        c7,
        s7,
      ];
    },
  },
  Eckerle4: {
    // y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]
    f: (b, [x]) => (b[0] / b[1]) * Math.exp(-0.5 * ((x - b[2]) / b[1]) ** 2),
    grad: (b, [x]) => {
      const u = (x - b[2]) / b[1];
      const e = Math.exp(-0.5 * u * u);
      const f = (b[0] / b[1]) * e;
      return [e / b[1], (f * (u * u - 1)) / b[1], (f * u) / b[1]];
    },
  },
  Gauss1: gauss,
  Gauss2: gauss,
  Gauss3: gauss,
  Hahn1: cubicCubic,
  Kirby2: {
    // y = (b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)
    f: (b, [x]) => (b[0] + b[1] * x + b[2] * x * x) / (1 + b[3] * x + b[4] * x * x),
    grad: (b, [x]) => {
      const d = 1 + b[3] * x + b[4] * x * x;
      const f = (b[0] + b[1] * x + b[2] * x * x) / d;
      return [1 / d, x / d, (x * x) / d, (-f * x) / d, (-f * x * x) / d];
    },
  },
  Lanczos1: lanczos,
  Lanczos2: lanczos,
  Lanczos3: lanczos,
  MGH09: {
    // y = b1*(x**2+x*b2) / (x**2+x*b3+b4)
    f: (b, [x]) => (b[0] * (x * x + x * b[1])) / (x * x + x * b[2] + b[3]),
    grad: (b, [x]) => {
      const d = x * x + x * b[2] + b[3];
      const nn = x * x + x * b[1];
      const f = (b[0] * nn) / d;
      return [nn / d, (b[0] * x) / d, (-f * x) / d, -f / d];
    },
  },
  MGH10: {
    // y = b1 * exp[b2/(x+b3)]
    f: (b, [x]) => b[0] * Math.exp(b[1] / (x + b[2])),
    grad: (b, [x]) => {
      const t = x + b[2];
      const e = Math.exp(b[1] / t);
      const f = b[0] * e;
      return [e, f / t, (-f * b[1]) / (t * t)];
    },
  },
  MGH17: {
    // y = b1 + b2*exp[-x*b4] + b3*exp[-x*b5]
    f: (b, [x]) => b[0] + b[1] * Math.exp(-x * b[3]) + b[2] * Math.exp(-x * b[4]),
    grad: (b, [x]) => {
      const e4 = Math.exp(-x * b[3]);
      const e5 = Math.exp(-x * b[4]);
      return [1, e4, e5, -x * b[1] * e4, -x * b[2] * e5];
    },
  },
  Misra1a: exp1,
  Misra1b: {
    // y = b1 * (1-(1+b2*x/2)**(-2))
    f: (b, [x]) => b[0] * (1 - Math.pow(1 + (b[1] * x) / 2, -2)),
    grad: (b, [x]) => {
      const t = 1 + (b[1] * x) / 2;
      return [1 - 1 / (t * t), (b[0] * x) / (t * t * t)];
    },
  },
  Misra1c: {
    // y = b1 * (1-(1+2*b2*x)**(-.5))
    f: (b, [x]) => b[0] * (1 - Math.pow(1 + 2 * b[1] * x, -0.5)),
    grad: (b, [x]) => {
      const t = 1 + 2 * b[1] * x;
      return [1 - 1 / Math.sqrt(t), (b[0] * x) / (t * Math.sqrt(t))];
    },
  },
  Misra1d: {
    // y = b1*b2*x*((1+b2*x)**(-1))
    f: (b, [x]) => (b[0] * b[1] * x) / (1 + b[1] * x),
    grad: (b, [x]) => {
      const t = 1 + b[1] * x;
      return [(b[1] * x) / t, (b[0] * x) / (t * t)];
    },
  },
  Nelson: {
    // log[y] = b1 - b2*x1 * exp[-b3*x2]
    response: (y) => Math.log(y),
    f: (b, [x1, x2]) => b[0] - b[1] * x1 * Math.exp(-b[2] * x2),
    grad: (b, [x1, x2]) => {
      const e = Math.exp(-b[2] * x2);
      return [1, -x1 * e, b[1] * x1 * x2 * e];
    },
  },
  Rat42: {
    // y = b1 / (1+exp[b2-b3*x])
    f: (b, [x]) => b[0] / (1 + Math.exp(b[1] - b[2] * x)),
    grad: (b, [x]) => {
      const e = Math.exp(b[1] - b[2] * x);
      const d = 1 + e;
      return [1 / d, (-b[0] * e) / (d * d), (b[0] * x * e) / (d * d)];
    },
  },
  Rat43: {
    // y = b1 / ((1+exp[b2-b3*x])**(1/b4))
    f: (b, [x]) => b[0] / Math.pow(1 + Math.exp(b[1] - b[2] * x), 1 / b[3]),
    grad: (b, [x]) => {
      const e = Math.exp(b[1] - b[2] * x);
      const d = 1 + e;
      const g = Math.pow(d, -1 / b[3]);
      const f = b[0] * g;
      const h = (f / b[3]) * (e / d);
      return [g, -h, h * x, (f * Math.log(d)) / (b[3] * b[3])];
    },
  },
  Roszman1: {
    // y = b1 - b2*x - arctan[b3/(x-b4)]/pi
    f: (b, [x]) => b[0] - b[1] * x - Math.atan(b[2] / (x - b[3])) / Math.PI,
    grad: (b, [x]) => {
      const t = x - b[3];
      const w = b[2] / t;
      const c = 1 / (Math.PI * (1 + w * w));
      return [1, -x, -c / t, (-c * b[2]) / (t * t)];
    },
  },
  Thurber: cubicCubic,
};

/** Residuals y − f (or response(y) − f) and their analytic Jacobian for a NIST problem. */
export function nistResiduals(p: NistProblem, analytic = true) {
  const model = NIST_MODELS[p.name];
  if (!model) throw new Error(`no model for NIST problem ${p.name}`);
  const m = p.y.length;
  const yr = p.y.map((v) => (model.response ? model.response(v) : v));
  const residuals = (b: Float64Array): Float64Array => {
    const r = new Float64Array(m);
    for (let i = 0; i < m; i++) r[i] = yr[i] - model.f(b, p.x[i]);
    return r;
  };
  const jacobian = (b: Float64Array): Float64Array[] => {
    const rows = new Array<Float64Array>(m);
    for (let i = 0; i < m; i++) rows[i] = Float64Array.from(model.grad(b, p.x[i]), (g) => -g);
    return rows;
  };
  return { residuals, jacobian: analytic ? jacobian : undefined };
}

/**
 * Log relative error (number of agreeing significant digits):
 * LRE = −log10(|est − cert| / |cert|), capped at 15; 0 when worse than 100%.
 * (McCullough 1998, "Assessing the reliability of statistical software".)
 */
export function lre(est: number, cert: number): number {
  if (!Number.isFinite(est)) return 0;
  const rel = cert === 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
  if (rel === 0) return 15;
  return Math.max(0, Math.min(15, -Math.log10(rel)));
}
