#!/usr/bin/env python3
"""Fits the float32 polynomial/rational coefficients of hifi.engine.kernels.VectorErf and VectorMath (numpy, scipy).

erf, two pieces, split at |x| = SPLIT:
  |x| <  SPLIT:  erf(x) = x * P(x^2)                      (polynomial, degree 5 in x^2)
  |x| >= SPLIT:  erf(x) = 1 - exp(-x^2) * N(x) / D(x)     (rational 3/3 in x, D(0) = 1), x clamped to CLAMP
Each is an iteratively reweighted least-squares fit (Lawson's weights push it towards minimax) on Chebyshev nodes,
in double. exp: (exp(r) - 1 - r) / r^2 on |r| <= ln2/2 (after Cody-Waite reduction), degree 4; tanh: (tanh(x) - x) / x^3
as a polynomial in x^2 on |x| <= 0.625, degree 4; both fitted for relative error. The script then evaluates the float32-rounded coefficients with float32 FMA Horner steps and prints the
maximum absolute error against scipy.special.erf, followed by the coefficients as Java float literals.
"""
import numpy as np
import scipy.special as ss

SPLIT, CLAMP = 0.875, 3.92  # erfc(3.92) < 3e-8: erf rounds to 1.0f beyond


def f32(a):
    return np.asarray(a, dtype=np.float64).astype(np.float32).astype(np.float64)


def horner_fma(c, t):
    acc = np.full_like(t, c[-1])
    for k in range(len(c) - 2, -1, -1):
        acc = f32(acc * t + c[k])
    return acc


def chebyshev_nodes(a, b, n=6000):
    return (np.cos(np.pi * (np.arange(n) + 0.5) / n) + 1) / 2 * (b - a) + a


def fit_small(degree, iterations=40):
    x = chebyshev_nodes(0, SPLIT)
    t, f = x * x, ss.erf(x) / x
    w = np.ones_like(x)
    m = np.array([t ** k for k in range(degree + 1)]).T
    for _ in range(iterations):
        c, *_ = np.linalg.lstsq(m * w[:, None], f * w, rcond=None)
        w *= np.sqrt(np.abs(m @ c - f) + 1e-30)
        w /= w.mean()
    return c


def fit_large(p, q, iterations=40):
    x = chebyshev_nodes(SPLIT, CLAMP)
    f = ss.erfc(x) * np.exp(x * x)
    w, d_prev = np.ones_like(x), np.ones_like(x)
    for _ in range(iterations):
        cols = [x ** k for k in range(p + 1)] + [-f * x ** k for k in range(1, q + 1)]
        m = np.array(cols).T / d_prev[:, None] * w[:, None]
        c, *_ = np.linalg.lstsq(m, f / d_prev * w, rcond=None)
        num, den = c[:p + 1], np.concatenate([[1.0], c[p + 1:]])
        d_prev = np.polyval(den[::-1], x)
        err = (np.polyval(num[::-1], x) / d_prev - f) * np.exp(-x * x)
        w *= np.sqrt(np.abs(err) + 1e-30)
        w /= w.mean()
    return num, den


def fit_relative(x, basis, f, scale, iterations=40):
    m = np.array(basis).T
    w = np.ones_like(x)
    for _ in range(iterations):
        c, *_ = np.linalg.lstsq(m * w[:, None], f * w, rcond=None)
        w *= np.sqrt(np.abs((m @ c - f) / scale) + 1e-30)
        w /= w.mean()
    return c


def fit_exp():
    r = chebyshev_nodes(-np.log(2) / 2, np.log(2) / 2)
    return fit_relative(r, [r ** k for k in range(5)], (np.expm1(r) - r) / r ** 2, np.exp(r) / r ** 2)


def fit_tanh():
    x = chebyshev_nodes(1e-4, 0.625)
    t = x * x
    return fit_relative(x, [t ** k for k in range(5)], (np.tanh(x) - x) / x ** 3, np.tanh(x) / x ** 3)


def java(name, c):
    return f"{name} = {{{', '.join(repr(float(np.float32(v))) + 'f' for v in c)}}};"


if __name__ == "__main__":
    small = f32(fit_small(5))
    num, den = (f32(c) for c in fit_large(3, 3))
    x = f32(np.linspace(0, 5, 2_000_001))
    xc = np.minimum(x, CLAMP)
    t = f32(xc * xc)
    inner = f32(x * horner_fma(small, t))
    outer = f32(1 - f32(f32(np.exp(-t)) * f32(horner_fma(num, xc) / horner_fma(den, xc))))
    approx = np.where(x < SPLIT, inner, outer)
    print("max |error| (float32 FMA evaluation):", np.abs(approx - ss.erf(x)).max())
    print(java("SMALL", small))
    print(java("LARGE_NUM", num))
    print(java("LARGE_DEN", den))
    print(java("EXP_POLY", fit_exp()))
    print(java("TANH_POLY", fit_tanh()))
