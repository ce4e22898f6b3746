//! The length model of the Gale–Church alignment: how long the English of
//! a Chinese text is. Paired blocks in, a [`LengthModel`] (the ratio of
//! English to Chinese characters and its variance per Chinese character)
//! out, and the cost in nats of pairing `zh` characters with `en` ones.

/// English characters per Chinese character, and how far a pair strays
/// from that: `(en - ratio·zh)² / zh` on average.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    pub ratio: f64,
    pub variance: f64,
}

impl Default for LengthModel {
    /// The fit on this repository's edition (its 34 translated articles;
    /// `scripts/bench-align.sh` prints it again); used when an edition has
    /// too few pairs of its own.
    fn default() -> LengthModel {
        LengthModel { ratio: 0.863, variance: 0.73 }
    }
}

impl LengthModel {
    /// Fits the model on the (Chinese, English) lengths of paired blocks,
    /// one list per text: the ratio over all, the variance around each
    /// text's own ratio (as [`LengthModel::with_ratio`] aligns); the
    /// default when there are fewer than 20 pairs.
    pub fn fit(texts: &[Vec<(usize, usize)>]) -> LengthModel {
        let mut deviations = Vec::new();
        let (mut zh, mut en) = (0.0, 0.0);
        for text in texts {
            let pairs: Vec<(f64, f64)> =
                text.iter().filter(|(z, e)| *z > 0 && *e > 0).map(|&(z, e)| (z as f64, e as f64)).collect();
            let (z, e): (f64, f64) = (pairs.iter().map(|p| p.0).sum(), pairs.iter().map(|p| p.1).sum());
            if pairs.len() < 2 {
                continue;
            }
            deviations.extend(pairs.iter().map(|(pz, pe)| (pe - e / z * pz).powi(2) / pz));
            zh += z;
            en += e;
        }
        if deviations.len() < 20 {
            return LengthModel::default();
        }
        let variance = deviations.iter().sum::<f64>() / deviations.len() as f64;
        LengthModel { ratio: en / zh, variance: variance.max(0.01) }
    }

    /// The same model with the ratio of one whole text: a translator's
    /// wordiness is steady within a text, so its own ratio fits it best.
    pub fn with_ratio(self, zh: usize, en: usize) -> LengthModel {
        if zh == 0 || en == 0 {
            return self;
        }
        LengthModel { ratio: en as f64 / zh as f64, ..self }
    }

    /// −ln P(a pair this far from the ratio): Gale and Church's two-tailed
    /// normal probability of δ = (en − ratio·zh) / √((zh + slack)·variance).
    pub fn cost(&self, zh: usize, en: usize, slack: usize) -> f64 {
        let z = zh as f64;
        let delta = (en as f64 - self.ratio * z) / ((zh + slack).max(1) as f64 * self.variance).sqrt();
        -ln_erfc(delta.abs() / std::f64::consts::SQRT_2)
    }
}

/// ln erfc(x) for x ≥ 0, without underflow for large x.
fn ln_erfc(x: f64) -> f64 {
    if x < 5.0 {
        // Numerical Recipes' erfc, fractional error below 1.2e-7.
        let t = 1.0 / (1.0 + 0.5 * x);
        let poly = -x * x - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
        t.ln() + poly
    } else {
        // Asymptotic: erfc x ≈ e^(−x²) / (x√π).
        -x * x - (x * std::f64::consts::PI.sqrt()).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_erfc_is_continuous_and_zero_at_zero() {
        assert!(ln_erfc(0.0).abs() < 1e-6);
        assert!((ln_erfc(4.999) - ln_erfc(5.0)).abs() < 0.01);
        assert!(ln_erfc(30.0).is_finite());
    }

    #[test]
    fn fit_recovers_the_ratio_and_costs_grow_with_the_distance() {
        let pairs: Vec<(usize, usize)> =
            (1..40).map(|k| (10 * k, 30 * k + if k % 2 == 0 { 5 } else { 0 })).collect();
        let m = LengthModel::fit(&[pairs]);
        assert!((m.ratio - 3.0).abs() < 0.05, "{m:?}");
        assert!(m.cost(100, 300, 0) < m.cost(100, 400, 0));
        assert!(m.cost(100, 400, 0) < m.cost(100, 600, 0));
    }
}
