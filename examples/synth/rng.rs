//! The random numbers behind the synthetic board: splitmix64 and the few draws built on it.
//!
//! Hand-written rather than taken from a crate so that a board never changes with a dependency's
//! version: the same seed gives the same bytes on every machine. Only integer arithmetic is used
//! (no floating point), for the same reason.

/// splitmix64 (Steele, Lea and Flood, 2014): 64 bits of state, fast, and good enough for test data.
pub struct Rng {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The generator of item `index` of the board seeded with `seed`. Items do not share state,
    /// so each one is the same whatever order (or thread) they are made in.
    pub fn for_item(seed: u64, index: u64) -> Rng {
        Rng::new(mix(seed ^ mix(index.wrapping_add(GOLDEN_GAMMA))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// A number in `0..n`, `n > 0` (Lemire's multiply-shift: no division, negligible bias).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// One of `items`, each as likely as its weight.
    pub fn pick_weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut ticket = self.below(total);
        for (item, weight) in items {
            if ticket < *weight {
                return *item;
            }
            ticket -= weight;
        }
        unreachable!("the ticket is below the total weight")
    }

    /// `count` distinct positions in `0..n` (`n <= 64`), in the order drawn.
    pub fn distinct(&mut self, n: usize, count: usize) -> Vec<usize> {
        assert!(n <= 64, "distinct draws keep a 64-bit mask");
        let count = count.min(n);
        let mut taken = 0u64;
        let mut drawn = Vec::with_capacity(count);
        while drawn.len() < count {
            let i = self.below(n as u64) as usize;
            if taken & (1 << i) == 0 {
                taken |= 1 << i;
                drawn.push(i);
            }
        }
        drawn
    }
}

/// The splitmix64 output function: a bijection that scatters nearby inputs.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A long-tailed (Zipf-Mandelbrot, exponent 1) choice among `n` ranks: rank `k` (from 0) is drawn
/// in proportion to `1 / (k + 1 + offset)`. A larger offset flattens the head.
pub struct LongTail {
    cumulative: Vec<u64>,
}

impl LongTail {
    pub fn new(n: usize, offset: u64) -> LongTail {
        // Integer weights: 2^40 / (rank + offset) keeps four significant digits at rank 10^7.
        let mut total = 0u64;
        let cumulative = (1..=n as u64)
            .map(|rank| {
                total += (1u64 << 40) / (rank + offset);
                total
            })
            .collect();
        LongTail { cumulative }
    }

    pub fn draw(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("a long tail has ranks");
        let ticket = rng.below(total);
        self.cumulative.partition_point(|&c| c <= ticket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5).map(|_| Rng::for_item(7, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::for_item(7, 3).next_u64(),
            Rng::for_item(7, 4).next_u64()
        );
        assert_ne!(
            Rng::for_item(7, 3).next_u64(),
            Rng::for_item(8, 3).next_u64()
        );
    }

    #[test]
    fn draws_stay_in_range() {
        let mut rng = Rng::new(1);
        for _ in 0..10_000 {
            assert!(rng.below(7) < 7);
            assert!((3..=5).contains(&rng.between(3, 5)));
        }
        let mut drawn = rng.distinct(10, 10);
        drawn.sort_unstable();
        assert_eq!(drawn, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn a_long_tail_favours_the_first_ranks() {
        let tail = LongTail::new(1000, 0);
        let mut rng = Rng::new(2);
        let mut counts = vec![0u32; 1000];
        for _ in 0..100_000 {
            counts[tail.draw(&mut rng)] += 1;
        }
        assert!(counts[0] > 5 * counts[20]);
        assert!(counts[999] > 0 || counts[998] > 0 || counts[997] > 0);
    }
}
