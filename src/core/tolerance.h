#pragma once
/// Threshold comparisons on computed values. docs/methods.md 1.5 and 3: comparisons use a
/// tolerance of 1e-9, so that 14.4 - 12.4 counts as 2.0 and an ASDAS change of 1.1 computed from
/// decimals counts as 1.1.

namespace ankylos::core {

constexpr double kComparisonTolerance = 1e-9;

/// value >= threshold, allowing for floating-point error.
constexpr bool atLeast(double value, double threshold) {
    return value >= threshold - kComparisonTolerance;
}

}  // namespace ankylos::core
